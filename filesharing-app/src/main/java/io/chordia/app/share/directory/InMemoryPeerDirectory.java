package io.chordia.app.share.directory;

import io.chordia.app.share.ContentId;
import io.chordia.core.net.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** A directory in one process's memory, for tests and single-machine runs. Thread-safe. */
public final class InMemoryPeerDirectory implements PeerDirectory {
    private final Map<ContentId, Map<Address, Long>> expiries = new LinkedHashMap<>();
    private final LongSupplier nanoTime;

    public InMemoryPeerDirectory(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public InMemoryPeerDirectory() {
        this(System::nanoTime);
    }

    @Override
    public synchronized CompletableFuture<Void> announce(ContentId content, Address peer, Duration ttl) {
        expiries.computeIfAbsent(content, c -> new LinkedHashMap<>()).put(peer, nanoTime.getAsLong() + ttl.toNanos());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<List<Address>> findPeers(ContentId content) {
        long now = nanoTime.getAsLong();
        List<Address> live = new ArrayList<>();
        Map<Address, Long> peers = expiries.getOrDefault(content, Map.of());
        peers.forEach((peer, expiry) -> {
            if (expiry - now > 0) {
                live.add(peer);
            }
        });
        return CompletableFuture.completedFuture(live);
    }

    /** Forgets {@code peer} for {@code content} at once, as if its announcement had expired. */
    @Override
    public synchronized CompletableFuture<Announcement> withdraw(ContentId content, Address peer) {
        Map<Address, Long> peers = expiries.get(content);
        if (peers != null) {
            peers.remove(peer);
        }
        return CompletableFuture.completedFuture(Announcement.held());
    }
}
