package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Explores new seeds of partitions combined with churn and loss (not part of {@code mvn verify};
 * see the surefire excludes):
 * <pre>mvn -pl routing test -Dtest=ChordPartitionPropertyTest -Dpartition.seeds=50 -Dpartition.firstSeed=1000</pre>
 * A failure names its seed; pin it in {@link ChordPartitionSimTest}.
 */
class ChordPartitionPropertyTest {
    @Test
    void partitionsUnderChurnHealForManySeeds() {
        long first = Long.getLong("partition.firstSeed", 1000);
        int seeds = Integer.getInteger("partition.seeds", 20);
        int explored = 0;
        for (long seed = first; seed < first + seeds; seed++) {
            // runPartitionWithChurn asserts one ideal ring after the heal; a failure names its seed.
            ChordPartitionSimTest.runPartitionWithChurn(seed, 0.02 * (seed % 4), 80);
            explored++;
        }
        assertThat(explored).isEqualTo(seeds);
    }
}
