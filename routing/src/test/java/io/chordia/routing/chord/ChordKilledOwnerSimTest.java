package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MultiHostLabIT's kill in simulation: five nodes with the daemon's defaults, one killed, and at once every
 * other node looks up keys of the dead node's arc. Each lookup must name the dead node's live successor first
 * among the live nodes it names.
 */
class ChordKilledOwnerSimTest {
    private static final LinkConditions LOADED_LOOPBACK =
            LinkConditions.of(LatencyModel.logNormal(Duration.ofMillis(1), 1.5));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void lookupsRightAfterAKillNameTheDeadOwnersSuccessor(long seed) {
        for (int victimIndex = 0; victimIndex < 5; victimIndex++) {
            ChordSim chord = new ChordSim(seed, LOADED_LOOPBACK, ChordConfig.defaults());
            List<ChordNode> nodes = chord.joinedThroughFirst(5);
            chord.sim.runUntil(() -> RingInvariants.idealViolations(chord.liveNodes()).isEmpty(), Duration.ofMinutes(2),
                    "an ideal ring");
            chord.run(Duration.ofSeconds(20));
            List<Contact> before = chord.sortedContacts();
            ChordNode victim = nodes.get(victimIndex);
            int at = before.indexOf(victim.self());
            NodeId arcStart = before.get((at + before.size() - 1) % before.size()).id();
            List<NodeId> keys = List.of(between(arcStart, victim.self().id()), victim.self().id());
            chord.crash(victim);
            List<Contact> after = chord.sortedContacts();
            for (LookupStyle style : LookupStyle.values()) {
                List<CompletableFuture<LookupResult>> inFlight = new ArrayList<>();
                List<String> what = new ArrayList<>();
                for (ChordNode origin : chord.liveNodes()) {
                    for (NodeId key : keys) {
                        inFlight.add(origin.lookup(key, style));
                        what.add(origin.self() + " looking up " + key);
                    }
                }
                chord.sim.runUntil(() -> inFlight.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(2), "lookups");
                for (int i = 0; i < inFlight.size(); i++) {
                    LookupResult r = inFlight.get(i).join();
                    // The origin that still holds the dead node as successor answers from its own list, unasked:
                    // a reader takes the first live node of it.
                    assertThat(r.succeeded() ? firstLive(r.closest(), after) : null)
                            .as("seed %s, victim %s, %s: %s", seed, victim.self(), what.get(i), r)
                            .isEqualTo(SortedRing.successorOf(after, victim.self().id()));
                }
            }
        }
    }

    private static Contact firstLive(List<Contact> owners, List<Contact> live) {
        return owners.stream().filter(live::contains).findFirst().orElse(null);
    }

    /** A key strictly inside (from, to] on the ring, half way. */
    private static NodeId between(NodeId from, NodeId to) {
        BigInteger ring = BigInteger.ONE.shiftLeft(NodeId.BITS);
        BigInteger a = from.toBigInteger();
        BigInteger span = to.toBigInteger().subtract(a).mod(ring);
        return NodeId.fromBigInteger(a.add(span.shiftRight(1)).add(BigInteger.ONE).mod(ring));
    }
}
