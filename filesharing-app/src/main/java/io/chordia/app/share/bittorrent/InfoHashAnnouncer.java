package io.chordia.app.share.bittorrent;

import java.util.concurrent.CompletableFuture;

/**
 * Says in BitTorrent's DHT that this peer seeds {@code infoHash} on TCP {@code port} (BEP 5's
 * announce_peer); the future completes when the announce is done, whatever it reached.
 */
@FunctionalInterface
public interface InfoHashAnnouncer {
    CompletableFuture<?> announce(InfoHash infoHash, int port);
}
