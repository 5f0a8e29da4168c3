package io.chordia.app.share;

import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.directory.PeerDirectory;
import io.chordia.core.net.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where a BitTorrent fetch finds its peers: those named (a magnet link's {@code x.pe}, {@code --peer})
 * and, when the node is one of BitTorrent's DHT, those BEP 5's {@code get_peers} finds for the
 * infohash, asked again whenever the fetch wants more peers. Announcing is BEP 5's announce_peer,
 * done elsewhere ({@link ShareService#announceInfoHashesWith}), so {@link #announce} does nothing.
 * Thread-safe.
 */
public final class TorrentPeers implements PeerDirectory {
    private final InfoHash infoHash;
    private final List<Address> named;
    private final Function<InfoHash, CompletableFuture<List<Address>>> dht;

    /** @param dht BEP 5's get_peers, or null when the node does not speak Mainline */
    public TorrentPeers(InfoHash infoHash, List<Address> named, Function<InfoHash, CompletableFuture<List<Address>>> dht) {
        this.infoHash = infoHash;
        this.named = List.copyOf(named);
        this.dht = dht;
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /** True when peers can come from the DHT, not only from those named. */
    public boolean searchesTheDht() {
        return dht != null;
    }

    /** The peers named and found now: the named first, each once; a failed DHT lookup leaves the named. */
    public CompletableFuture<List<Address>> find() {
        if (dht == null) {
            return CompletableFuture.completedFuture(named);
        }
        return dht.apply(infoHash).handle((found, failure) -> {
            Set<Address> all = new LinkedHashSet<>(named);
            if (found != null) {
                all.addAll(found);
            }
            return new ArrayList<>(all);
        });
    }

    @Override
    public CompletableFuture<List<Address>> findPeers(ContentId content) {
        return find();
    }

    @Override
    public CompletableFuture<Void> announce(ContentId content, Address peer, Duration ttl) {
        return CompletableFuture.completedFuture(null);
    }
}
