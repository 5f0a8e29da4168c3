package io.chordia.app.share;

import io.chordia.app.share.directory.PeerDirectory;
import io.chordia.core.net.Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A fetcher in its own process, for the kill -9 test: {@code SEEDER_HOST SEEDER_PORT LINK OUT_DIR}.
 * Journals every 4 pieces; at half way its progress listener freezes the fetch's event loop (on
 * purpose: a hung fetcher), so the test kills it at a known point whatever the machine's speed.
 */
public final class FetchProcessMain {
    private FetchProcessMain() {}

    public static void main(String[] args) throws Exception {
        Address seeder = new Address(args[0], Integer.parseInt(args[1]));
        PeerDirectory directory = new PeerDirectory() {
            @Override
            public CompletableFuture<Void> announce(ContentId content, Address peer, Duration ttl) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<List<Address>> findPeers(ContentId content) {
                return CompletableFuture.completedFuture(List.of(seeder));
            }
        };
        ShareConfig config = ShareConfig.defaults().withThreads(1, 1).withSeedAfterFetch(false);
        config = config.withSwarm(io.chordia.app.share.swarm.SwarmConfig.builder().maxPeers(1).requestWindowCap(16)
                .maxPiecesInFlight(8).endgameDuplicates(1).commitEvery(4).stallTimeout(Duration.ofSeconds(30))
                .retryPeersAfter(Duration.ofSeconds(1)).progressInterval(Duration.ofNanos(1)).build());
        try (ShareService service = ShareService.start(config, directory)) {
            FetchResult r = service.fetch(Link.parse(args[2]), Path.of(args[3]), p -> {
                if (!p.done() && p.verifiedBytes() >= p.totalBytes() / 2) {
                    System.out.println("half way: frozen until killed");
                    while (true) {
                        java.util.concurrent.locks.LockSupport.park();
                    }
                }
            }).get();
            System.out.println("completed " + r.totalBytes());
        }
    }
}
