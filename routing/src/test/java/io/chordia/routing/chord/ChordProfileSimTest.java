package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.NetworkListener;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SIGCOMM'01 profile runs the paper's protocol on our node: every finger refreshed in each
 * stabilization round, rounds at exponential intervals of mean 30 s, lookups that fail at the first
 * dead hop. Each check is shown to tell the profile from ours.
 */
class ChordProfileSimTest {
    private static final LinkConditions LINK = LinkConditions.ideal(Duration.ofMillis(10));

    @Test
    void theDefaultsAreOurProfile() {
        assertThat(ChordProfile.IMPROVED.config()).isEqualTo(ChordConfig.defaults());
        ChordConfig paper = ChordProfile.SIGCOMM01.config();
        assertThat(paper.refreshAllFingers()).isTrue();
        assertThat(paper.maintenanceSchedule()).isEqualTo(MaintenanceSchedule.EXPONENTIAL);
        assertThat(ChordProfile.SIGCOMM01_UNIFORM.config())
                .isEqualTo(paper.toBuilder().maintenanceSchedule(MaintenanceSchedule.UNIFORM).build());
        assertThat(paper.lookupsRouteAround()).isFalse();
        assertThat(paper.routeViaSuccessorList()).isFalse();
        assertThat(paper.stabilizeInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void oneRoundRefreshesEveryFinger() {
        assertThat(wrongFingersAfterFirstRound(ChordProfile.SIGCOMM01)).isZero();
        // ours refreshes one finger per interval: most are still unset after its first stabilize
        assertThat(wrongFingersAfterFirstRound(ChordProfile.IMPROVED)).isGreaterThan(3);
    }

    /** Fingers of one node that differ from the true successor of their start, once it has stabilized once. */
    private static int wrongFingersAfterFirstRound(ChordProfile profile) {
        ChordSim chord = new ChordSim(7, LINK, profile.config());
        List<ChordNode> nodes = chord.convergedRing(64, false);
        ChordNode node = nodes.get(0);
        List<Long> rounds = stabilizeTimes(chord, node);
        chord.sim.runUntil(() -> !rounds.isEmpty(), Duration.ofMinutes(10), "a first stabilize");
        chord.run(Duration.ofMillis(400)); // the finger lookups of that round: a few 20-ms round trips
        List<Contact> ring = chord.sortedContacts();
        int wrong = 0;
        for (int i = 0; i < NodeId.BITS; i++) {
            if (!SortedRing.successorOf(ring, node.self().id().plusPowerOfTwo(i)).equals(node.finger(i))) {
                wrong++;
            }
        }
        return wrong;
    }

    @Test
    void roundsComeAtExponentialIntervalsOfMeanThirtySeconds() {
        double[] paper = intervalStats(ChordProfile.SIGCOMM01.config());
        assertThat(paper[0]).as("mean seconds").isBetween(27.0, 33.0);
        assertThat(paper[1]).as("coefficient of variation, 1 for an exponential").isBetween(0.85, 1.15);
        assertThat(paper[2]).as("share below the median, mean·ln 2").isBetween(0.45, 0.55);
        // a fixed-rate schedule of the same mean fails the check
        double[] fixed = intervalStats(ChordConfig.builder().stabilizeInterval(Duration.ofSeconds(30))
                .fixFingersInterval(Duration.ofSeconds(30)).checkPredecessorInterval(Duration.ofSeconds(60)).build());
        assertThat(fixed[0]).isBetween(29.0, 31.0);
        assertThat(fixed[1]).isLessThan(0.05);
    }

    @Test
    void uniformRoundsComeBetweenFifteenAndFortyFiveSeconds() {
        double[] uniform = intervalStats(ChordProfile.SIGCOMM01_UNIFORM.config());
        assertThat(uniform[0]).as("mean seconds").isBetween(29.0, 31.0);
        assertThat(uniform[1]).as("coefficient of variation, 1/√3 · ½ for uniform on [15, 45]").isBetween(0.26, 0.32);
        assertThat(uniform[3]).as("shortest gap").isGreaterThanOrEqualTo(15.0);
        assertThat(uniform[4]).as("longest gap").isLessThanOrEqualTo(45.0);
        // the exponential profile of the same mean fails the check
        double[] exponential = intervalStats(ChordProfile.SIGCOMM01.config());
        assertThat(exponential[3]).isLessThan(15.0);
    }

    /** Mean, coefficient of variation, share below mean·ln 2, shortest and longest of one node's intervals between stabilizes. */
    private static double[] intervalStats(ChordConfig config) {
        ChordSim chord = new ChordSim(11, LINK, config);
        ChordNode node = chord.convergedRing(16, true).get(0);
        List<Long> times = stabilizeTimes(chord, node);
        chord.run(Duration.ofSeconds(30 * 1500));
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = (times.get(i) - times.get(i - 1)) / 1e9;
        }
        assertThat(gaps.length).isGreaterThan(1300);
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double var = java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / gaps.length;
        double median = mean * Math.log(2);
        double below = java.util.Arrays.stream(gaps).filter(g -> g < median).count() / (double) gaps.length;
        return new double[] {mean, Math.sqrt(var) / mean, below, java.util.Arrays.stream(gaps).min().orElseThrow(),
                java.util.Arrays.stream(gaps).max().orElseThrow()};
    }

    /** Virtual times at which {@code node} asks its successor for its neighbours: one per stabilize. */
    private static List<Long> stabilizeTimes(ChordSim chord, ChordNode node) {
        List<Long> times = new ArrayList<>();
        Address self = node.self().address();
        Address successor = node.successors().get(0).address();
        chord.sim.network.addListener(new NetworkListener() {
            @Override
            public void onSent(Envelope envelope, Address from, int bytes) {
                if (from.equals(self) && envelope.recipient().equals(successor) && envelope.body() instanceof GetNeighbors) {
                    times.add(chord.sim.loop.nowNanos());
                }
            }
        });
        return times;
    }

    @Test
    void aLookupThatReachesADeadNodeFailsInsteadOfRoutingAround() {
        LookupResult paper = lookupThroughADeadFinger(ChordProfile.SIGCOMM01);
        assertThat(paper.succeeded()).isFalse();
        assertThat(paper.messages()).as("the dead finger only, no retry").isEqualTo(1);

        LookupResult ours = lookupThroughADeadFinger(ChordProfile.IMPROVED);
        assertThat(ours.succeeded()).isTrue();
        assertThat(ours.messages()).isGreaterThan(1);
    }

    /** Crashes the origin's farthest finger and looks up the key just past it, whose path starts there. */
    private static LookupResult lookupThroughADeadFinger(ChordProfile profile) {
        ChordSim chord = new ChordSim(5, LINK, profile.config());
        List<ChordNode> nodes = chord.convergedRing(64, true);
        ChordNode origin = nodes.get(0);
        Contact finger = origin.finger(NodeId.BITS - 1);
        chord.crash(chord.live.get(finger.id()));
        var result = origin.lookup(finger.id().plusPowerOfTwo(0), LookupStyle.ITERATIVE);
        chord.sim.runUntil(result::isDone, Duration.ofMinutes(1), "the lookup");
        LookupResult r = result.join();
        if (r.succeeded()) {
            assertThat(r.owner()).isEqualTo(SortedRing.successorOf(chord.sortedContacts(), finger.id().plusPowerOfTwo(0)));
        }
        return r;
    }
}
