package io.chordia.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import io.chordia.sim.churn.SessionModel;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kademlia lookups at Bamboo's fastest churn (1.4-min median sessions) for 10 minutes, long enough
 * for the starting network to be replaced by joined nodes. A joiner whose bootstrap node named mostly
 * departed contacts used to finish its join knowing that node alone (the lookup distrusted the only
 * node that had answered), and nobody but that node learned of it; joiners through it did the same.
 * That fixed, far buckets still filled with departed contacts whose timeouts lookups waited out
 * while live ones sat in the replacement caches; now one failed request hands a contact's slot to a
 * cached replacement ({@code KademliaExtra.PROMPT_REPLACEMENT}). Measured: 94.35% success, 98.20%
 * consistent; before that 92.45% and 95.37%, before the join fix 84.60% and 87.57%, so both bounds
 * (93%, 97%) fail on either older code.
 */
class KademliaFastChurnSimTest {
    @ParameterizedTest
    @ValueSource(longs = {9})
    void lookupsFindTheLiveOwnerAfterTenMinutesOfOnePointFourMinuteSessions(long seed) {
        ScenarioConfig config = new ScenarioConfig(Protocol.KADEMLIA, LookupStyle.ITERATIVE, 200, seed,
                Duration.ofMinutes(10), 2_000, Duration.ofSeconds(84), SessionModel.EXPONENTIAL, 0, 0, 3, 0,
                LatencySpec.parse(LatencySpec.DEFAULT), NetworkKind.SIM, 60, PartitionSpec.NONE);
        Summary summary = new ScenarioRunner(config, ScenarioTuning.defaults().withCountBytes(false)
                .withConsistencyPairs(true)).run(ScenarioRunner.Progress.NONE);

        System.out.printf("Kademlia, 200 nodes, 84-s sessions, seed %d: success %.4f, consistency %.4f%n", seed,
                summary.lookupSuccessRate(), summary.lookupConsistency());
        assertThat(summary.lookupSuccessRate()).as("success, seed %s", seed).isGreaterThanOrEqualTo(0.93);
        assertThat(summary.lookupConsistency()).as("consistency, seed %s", seed).isGreaterThanOrEqualTo(0.97);
    }
}
