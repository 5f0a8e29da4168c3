package io.chordia.app.share.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.ContentId;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Peers announced through a simulated Chord ring's replicated storage. */
class DhtPeerDirectorySimTest {
    private final DirectorySim dht = new DirectorySim(11, 10);
    private final ContentId content = new ContentId(NodeId.sha1Of("some content"));

    private DhtPeerDirectory peer(int n) {
        return dht.directory(n % dht.storages.size(), dht.key("peer " + n));
    }

    private static Address address(int n) {
        return new Address("192.168.0." + n, 7000 + n);
    }

    @Test
    void manyPeersAnnouncingAtOnceAreAllFoundWithoutARefresh() {
        List<CompletableFuture<Void>> announces = new ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            // Concurrent stores to the same slots: replicas merge them per signer, so none is lost.
            announces.add(peer(p).announce(content, address(p), Duration.ofMinutes(30)));
        }
        dht.sim.runUntil(() -> announces.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "announces");

        assertThat(announces).allMatch(f -> !f.isCompletedExceptionally());
        assertThat(dht.run(peer(5).findPeers(content)))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 12).mapToObj(DhtPeerDirectorySimTest::address).toList());
        assertThat(dht.run(peer(3).findPeers(new ContentId(NodeId.sha1Of("other"))))).isEmpty();
    }

    @Test
    void anAnnouncementExpiresUnlessRefreshedAndARefreshMovesThePeer() {
        DhtPeerDirectory one = peer(1);
        dht.run(one.announce(content, address(1), Duration.ofMinutes(2)));
        dht.run(peer(2).announce(content, address(2), Duration.ofMinutes(10)));
        dht.sim.loop.advance(Duration.ofMinutes(5));
        assertThat(dht.run(peer(3).findPeers(content))).containsExactly(address(2));

        dht.run(one.announce(content, address(1), Duration.ofMinutes(10)));
        dht.run(one.announce(content, address(11), Duration.ofMinutes(10)));

        assertThat(dht.run(peer(4).findPeers(content))).containsExactlyInAnyOrder(address(11), address(2));
    }

    @Test
    void aWithdrawalReplacesTheAnnouncementSoThePeerIsGoneWithinSeconds() {
        DhtPeerDirectory one = peer(1);
        dht.run(one.announce(content, address(1), Duration.ofMinutes(30)));
        dht.run(peer(2).announce(content, address(2), Duration.ofMinutes(30)));

        Announcement withdrawn = dht.run(one.withdraw(content, address(1)));
        dht.sim.loop.advance(Duration.ofSeconds(2));

        assertThat(withdrawn.stored()).isPositive();
        assertThat(dht.run(peer(3).findPeers(content))).containsExactly(address(2));
    }

    @Test
    void aHostNameIsNotAnnounced() {
        CompletableFuture<Void> f = peer(0).announce(content, new Address("seeder.example", 7000), Duration.ofMinutes(1));
        assertThat(f).isCompletedExceptionally();
    }
}
