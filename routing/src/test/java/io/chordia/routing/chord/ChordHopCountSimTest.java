package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Chord paper's path length: about ½·log2 N hops on a converged ring. */
class ChordHopCountSimTest {
    @ParameterizedTest(name = "N = 2^{0}, {1}")
    @CsvSource({"8, ITERATIVE", "10, ITERATIVE", "12, ITERATIVE", "8, RECURSIVE", "10, RECURSIVE", "12, RECURSIVE"})
    void meanHopsAreHalfOfLog2N(int log2n, LookupStyle style) {
        // The paper's routing: a lookup ends at the key's predecessor (ours ends sooner, see below).
        ChordSim chord = new ChordSim(1000 + log2n, LinkConditions.ideal(Duration.ofMillis(10)),
                ChordConfig.defaults().toBuilder().confirmOwner(false).build());
        chord.convergedRing(1 << log2n, true);
        List<NodeId> keys = new ArrayList<>();
        List<LookupResult> results = chord.lookups(4000, 1000, style, keys);

        assertThat(chord.wrongOwners(results, keys)).isZero();
        int[] hops = results.stream().mapToInt(LookupResult::hops).sorted().toArray();
        double mean = Arrays.stream(hops).average().orElseThrow();
        int p99 = hops[(int) Math.ceil(0.99 * hops.length) - 1];
        assertThat(mean).as("mean hops for N = 2^%s", log2n).isBetween(0.95 * log2n / 2, 1.05 * log2n / 2);
        assertThat(p99).isLessThanOrEqualTo(log2n);
    }

    /**
     * With {@link ChordConfig#confirmOwner()} a hop whose successor list spans the key names the owner,
     * which answers the lookup itself: paths end up to a hop sooner than the paper's, owner included.
     */
    @ParameterizedTest(name = "N = 2^{0}")
    @CsvSource({"8", "10", "12"})
    void confirmedLookupsTakeNoMoreHopsThanThePapers(int log2n) {
        ChordSim chord = new ChordSim(1000 + log2n, LinkConditions.ideal(Duration.ofMillis(10)), ChordConfig.defaults());
        chord.convergedRing(1 << log2n, true);
        List<NodeId> keys = new ArrayList<>();
        List<LookupResult> results = chord.lookups(4000, 1000, LookupStyle.ITERATIVE, keys);

        assertThat(chord.wrongOwners(results, keys)).isZero();
        double mean = results.stream().mapToInt(LookupResult::hops).average().orElseThrow();
        assertThat(mean).as("mean hops for N = 2^%s", log2n).isBetween(log2n / 2.0 - 1.5, log2n / 2.0);
    }
}
