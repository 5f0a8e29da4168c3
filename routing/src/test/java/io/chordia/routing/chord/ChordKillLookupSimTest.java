package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ChordUdpIT in simulation: 50 nodes join one by one through the first, with its fast maintenance, and once
 * the ring is ideal every lookup must name the key's live successor, before and after a node is killed.
 * Right after the joins the predecessor lists past their first entry still skip nodes that joined between
 * two entries; a node that read a key's owner off such a list named one a third of the ring before the key,
 * and the lookup took it (about half of these seeds did, before the fix). Naming owners off the whole list
 * again, with denials routed on, failed seed 77: every hop near the key named a node past a gap, each denied,
 * and the lookup ran out of nodes to ask; a later interval now names an owner only when it is narrow. Seed 80:
 * a join failed in a ring of four whose owner knew no predecessor yet, when a denial was routed on with no
 * best guess kept (seeds 92, 153 and 173 of 1 to 200 failed the same way).
 */
class ChordKillLookupSimTest {
    /** Loopback on a loaded machine: a millisecond, with a long tail that outlives round-trip timeouts. */
    private static final LinkConditions LOADED_LOOPBACK =
            LinkConditions.of(LatencyModel.logNormal(Duration.ofMillis(1), 1.5));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 3, 8, 22, 28, 77, 80})
    void lookupsAfterAKillNameTheLiveOwner(long seed) {
        RpcConfig fast = RpcConfig.defaults().withTimeout(Duration.ofMillis(100)).withBackoffFactor(1.0);
        ChordConfig config = ChordConfig.defaults().withStabilizeInterval(Duration.ofMillis(100))
                .withFixFingersInterval(Duration.ofMillis(50)).withMaintenanceRpc(fast.withMaxAttempts(3))
                .withLookupRpc(fast.withMaxAttempts(1));
        ChordSim chord = new ChordSim(seed, LOADED_LOOPBACK, config);
        List<ChordNode> joined = chord.joinedThroughFirst(50);
        awaitIdealRing(chord);
        assertLookupsNameTheLiveOwner(chord, seed, "before the kill");

        chord.crash(joined.get(17));
        awaitIdealRing(chord);
        assertLookupsNameTheLiveOwner(chord, seed, "after the kill");
    }

    private static void awaitIdealRing(ChordSim chord) {
        chord.sim.runUntil(() -> RingInvariants.idealViolations(chord.liveNodes()).isEmpty(), Duration.ofSeconds(30),
                "an ideal ring");
    }

    private static void assertLookupsNameTheLiveOwner(ChordSim chord, long seed, String when) {
        List<Contact> ring = chord.sortedContacts();
        for (LookupStyle style : LookupStyle.values()) {
            List<NodeId> keys = new ArrayList<>();
            List<LookupResult> results = chord.lookups(200, 200, style, keys);
            for (int i = 0; i < results.size(); i++) {
                LookupResult r = results.get(i);
                assertThat(r.succeeded() ? r.owner() : null).as("seed %s, %s: %s owner of %s: %s", seed, when, style,
                        keys.get(i), r).isEqualTo(SortedRing.successorOf(ring, keys.get(i)));
            }
        }
    }
}
