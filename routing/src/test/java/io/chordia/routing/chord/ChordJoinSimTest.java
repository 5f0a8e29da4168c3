package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 1,000 nodes join one by one through random members; the ring stays correct throughout. */
class ChordJoinSimTest {
    @Test
    void thousandNodesJoinOneByOneAndEveryLookupFindsTheTrueSuccessor() {
        ChordSim chord = new ChordSim(42, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(40))),
                ChordConfig.defaults());
        chord.convergedRing(chord.config.successorListLength() + 1, true);
        assertThat(RingInvariants.violations(chord.liveNodes())).isEmpty();

        while (chord.live.size() < 1000) {
            chord.joinOne();
            assertThat(RingInvariants.violations(chord.liveNodes())).as("after %s nodes", chord.live.size()).isEmpty();
            chord.run(Duration.ofMillis(100));
        }
        chord.run(Duration.ofSeconds(60));
        assertThat(RingInvariants.violations(chord.liveNodes())).isEmpty();
        assertThat(RingInvariants.idealViolations(chord.liveNodes())).isEmpty();

        for (LookupStyle style : LookupStyle.values()) {
            List<NodeId> keys = new ArrayList<>();
            List<LookupResult> results = chord.lookups(10_000, 500, style, keys);
            assertThat(chord.wrongOwners(results, keys)).as("%s lookups with a wrong owner", style).isZero();
            assertThat(results.stream().mapToInt(LookupResult::hops).average().orElseThrow())
                    .as("%s mean hops", style).isLessThan(10);
        }
    }
}
