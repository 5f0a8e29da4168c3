package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ring survives failures: half the nodes at once, and randomized churn with message loss. */
class ChordFailureSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));

    @Test
    void halfOfTwoThousandNodesFailAtOnceAndTheRingHeals() {
        ChordSim chord = new ChordSim(7, WAN, ChordConfig.defaults());
        List<ChordNode> nodes = chord.convergedRing(2000, true);
        for (ChordNode node : nodes) {
            if (chord.workload.nextBoolean()) {
                chord.crash(node);
            }
        }
        assertThat(chord.live.size()).isBetween(900, 1100);

        chord.run(Duration.ofSeconds(90));

        assertThat(RingInvariants.violations(chord.liveNodes())).isEmpty();
        assertThat(RingInvariants.idealViolations(chord.liveNodes())).isEmpty();
        for (LookupStyle style : LookupStyle.values()) {
            List<NodeId> keys = new ArrayList<>();
            List<LookupResult> results = chord.lookups(2000, 500, style, keys);
            assertThat(chord.wrongOwners(results, keys)).as("%s lookups with a wrong owner", style).isZero();
        }
    }

    /**
     * Right after a crash nobody has noticed: a key just past the dead node, looked up from the dead
     * node's predecessor, whose only way forward is the dead node. Its owner is the next live node.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ITERATIVE", "RECURSIVE"})
    void aLookupJustAfterACrashGoesPastTheDeadSuccessor(LookupStyle style) {
        ChordSim chord = new ChordSim(11, LinkConditions.ideal(Duration.ofMillis(10)), ChordConfig.defaults());
        chord.convergedRing(16, true);
        List<Contact> ring = chord.sortedContacts();
        ChordNode origin = chord.live.get(ring.get(0).id());
        Contact dead = ring.get(1);
        Contact next = ring.get(2);
        chord.crash(chord.live.get(dead.id()));
        NodeId key = dead.id().plusPowerOfTwo(0);

        CompletableFuture<LookupResult> lookup = origin.lookup(key, style);
        chord.sim.runUntil(lookup::isDone, Duration.ofMinutes(1), "lookup");

        assertThat(lookup.join().succeeded()).as("%s", lookup.join()).isTrue();
        assertThat(lookup.join().owner()).isEqualTo(next);
    }

    /** Joins, graceful leaves and crashes at random, invariants checked after every event. */
    @ParameterizedTest(name = "seed {0}, loss {1}")
    @CsvSource({"1, 0.0", "2, 0.05", "3, 0.10", "4, 0.10"})
    void randomizedChurnKeepsTheInvariantsAfterEveryEvent(long seed, double loss) {
        runChurn(seed, loss, 150);
    }

    /** One randomized churn run; shared with {@link ChordChurnPropertyTest}, which explores new seeds. */
    static void runChurn(long seed, double loss, int events) {
        ChordSim chord = new ChordSim(seed, WAN.withLoss(loss), ChordConfig.defaults());
        chord.convergedRing(60, true);
        int joins = 0;
        int leaves = 0;
        int crashes = 0;
        for (int event = 0; event < events; event++) {
            double dice = chord.workload.nextDouble();
            if (dice < 0.4 || chord.live.size() < 30) {
                chord.joinOne();
                joins++;
            } else if (dice < 0.7) {
                ChordNode leaver = chord.randomLive();
                chord.live.remove(leaver.self().id());
                leaver.leave();
                leaves++;
            } else {
                chord.crash(chord.randomLive());
                crashes++;
            }
            assertThat(RingInvariants.violations(chord.liveNodes()))
                    .as("seed %s, after event %s (%s live)", seed, event, chord.live.size()).isEmpty();
            chord.run(Duration.ofMillis((long) (2000 * -StrictMath.log(1 - chord.workload.nextDouble()))));
            assertThat(RingInvariants.violations(chord.liveNodes()))
                    .as("seed %s, while settling after event %s", seed, event).isEmpty();
        }
        assertThat(joins).isPositive();
        assertThat(leaves).isPositive();
        assertThat(crashes).isPositive();

        chord.run(Duration.ofSeconds(60));
        assertThat(RingInvariants.idealViolations(chord.liveNodes())).as("seed %s converged", seed).isEmpty();
        for (LookupStyle style : LookupStyle.values()) {
            List<NodeId> keys = new ArrayList<>();
            List<LookupResult> results = chord.lookups(300, 100, style, keys);
            assertThat(chord.wrongOwners(results, keys)).as("seed %s, %s lookups with a wrong owner", seed, style)
                    .isLessThanOrEqualTo(loss == 0 ? 0 : 3);
        }
    }
}
