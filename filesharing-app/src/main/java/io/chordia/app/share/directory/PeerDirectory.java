package io.chordia.app.share.directory;

import io.chordia.app.share.ContentId;
import io.chordia.core.net.Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Announces and finds the peers that hold a content.
 *
 * <p>Thread-safe. Futures may complete on any thread (a DHT node's thread, say): dependants must
 * not block. Failures are {@link java.io.IOException}s inside the future.
 */
public interface PeerDirectory {
    /** Says {@code peer} serves {@code content} for {@code ttl}; the caller re-announces before it runs out. */
    CompletableFuture<Void> announce(ContentId content, Address peer, Duration ttl);

    /**
     * Announces as {@link #announce} does, and says where the announcement landed: a DHT put that
     * missed its quorum completes with it (fewer replicas, not accepted) instead of failing.
     */
    default CompletableFuture<Announcement> announceReporting(ContentId content, Address peer, Duration ttl) {
        return announce(content, peer, ttl).thenApply(done -> Announcement.held());
    }

    /**
     * Takes back what it can of {@code peer}'s announcement for {@code content}: announces it again
     * with {@link #WITHDRAWN_TTL}, which replaces the earlier entry wherever it lands (a directory
     * keeps one entry per peer, the newest), so those copies expire within a second. A copy this
     * does not reach expires when its own TTL runs out. Says where the withdrawal landed.
     */
    default CompletableFuture<Announcement> withdraw(ContentId content, Address peer) {
        return announceReporting(content, peer, WITHDRAWN_TTL);
    }

    /** The TTL of a withdrawal: the shortest an announcement can have. */
    Duration WITHDRAWN_TTL = Duration.ofSeconds(1);

    /** The peers announced for {@code content} and not expired, possibly empty, in no particular order. */
    CompletableFuture<List<Address>> findPeers(ContentId content);
}
