package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Explores new churn seeds (not part of {@code mvn verify}; see the surefire excludes):
 * <pre>mvn -pl routing test -Dtest=ChordChurnPropertyTest -Dchurn.seeds=50 -Dchurn.firstSeed=1000</pre>
 * A failure names its seed; pin it in {@link ChordFailureSimTest}.
 */
class ChordChurnPropertyTest {
    @Test
    void churnWithLossKeepsTheRingCorrectForManySeeds() {
        long first = Long.getLong("churn.firstSeed", 1000);
        int seeds = Integer.getInteger("churn.seeds", 20);
        int explored = 0;
        for (long seed = first; seed < first + seeds; seed++) {
            // runChurn asserts the invariants after every event; a failure names its seed.
            ChordFailureSimTest.runChurn(seed, 0.02 * (seed % 6), 150);
            explored++;
        }
        assertThat(explored).isEqualTo(seeds);
    }
}
