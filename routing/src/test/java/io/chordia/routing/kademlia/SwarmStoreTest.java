package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwarmStoreTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private final NodeId hash = TestIds.id(1);

    private static Address peer(int n) {
        return new Address("192.0.2." + n, 6881);
    }

    @Test
    void peersComeBackNewestFirstAndAReannounceMovesAPeerToTheFront() {
        SwarmStore store = new SwarmStore(10, 10, SwarmStore.DEFAULT_TTL);
        store.announce(hash, peer(1), 0);
        store.announce(hash, peer(2), 1);
        store.announce(hash, peer(1), 2);

        assertThat(store.peers(hash, 10, 3)).containsExactly(peer(1), peer(2));
        assertThat(store.peers(hash, 1, 3)).containsExactly(peer(1));
        assertThat(store.peers(TestIds.id(2), 10, 3)).isEmpty();
    }

    @Test
    void aFullSwarmForgetsItsOldestAnnouncement() {
        SwarmStore store = new SwarmStore(10, 3, SwarmStore.DEFAULT_TTL);
        for (int i = 1; i <= 5; i++) {
            store.announce(hash, peer(i), i);
        }

        assertThat(store.peers(hash, 10, 6)).containsExactly(peer(5), peer(4), peer(3));
        assertThat(store.evicted()).isEqualTo(2);
    }

    @Test
    void theInfohashCapEvictsTheSwarmAnnouncedLongestAgo() {
        SwarmStore store = new SwarmStore(2, 10, SwarmStore.DEFAULT_TTL);
        store.announce(TestIds.id(1), peer(1), 0);
        store.announce(TestIds.id(2), peer(2), 1);
        store.announce(TestIds.id(1), peer(3), 2);
        store.announce(TestIds.id(3), peer(4), 3);

        assertThat(store.swarmCount()).isEqualTo(2);
        assertThat(store.peers(TestIds.id(2), 10, 4)).isEmpty();
        assertThat(store.peers(TestIds.id(1), 10, 4)).containsExactly(peer(3), peer(1));
        assertThat(store.peerCount()).isEqualTo(3);
    }

    @Test
    void entriesExpireThirtyMinutesAfterTheirLastAnnounce() {
        SwarmStore store = new SwarmStore(10, 10, SwarmStore.DEFAULT_TTL);
        store.announce(hash, peer(1), 0);
        store.announce(hash, peer(2), 10 * MINUTE);

        assertThat(store.peers(hash, 10, 30 * MINUTE - 1)).containsExactly(peer(2), peer(1));
        assertThat(store.peers(hash, 10, 30 * MINUTE)).containsExactly(peer(2));
        store.expire(40 * MINUTE);
        assertThat(store.swarmCount()).isZero();
        assertThat(store.peerCount()).isZero();
    }

    @Test
    void aFloodOfAnnouncementsStaysWithinBothCaps() {
        SwarmStore store = new SwarmStore(50, 20, SwarmStore.DEFAULT_TTL);
        for (int i = 0; i < 100_000; i++) {
            store.announce(TestIds.id(i % 997), new Address("198.51.100." + (i % 250 + 1), 1 + i % 60_000), i);
        }

        assertThat(store.swarmCount()).isEqualTo(50);
        assertThat(store.peerCount()).isLessThanOrEqualTo(50 * 20);
    }
}
