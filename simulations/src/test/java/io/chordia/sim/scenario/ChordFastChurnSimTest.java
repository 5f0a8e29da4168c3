package io.chordia.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.sim.churn.SessionModel;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chord lookups at Bamboo's fastest churn (1.4-min median sessions): with lookups that confirm
 * the owner and joins announced to the predecessor, at least 95% find the live owner; with both
 * turned off (the protocol before issue 15's fix) the same run stays under 93%, so the bound catches
 * a regression.
 */
class ChordFastChurnSimTest {
    @ParameterizedTest
    @ValueSource(longs = {9})
    void lookupsFindTheLiveOwnerAtOnePointFourMinuteSessions(long seed) {
        ScenarioTuning improved = ScenarioTuning.defaults().withCountBytes(false);
        ChordConfig before = improved.chord().toBuilder().confirmOwner(false).announceJoins(false).build();

        double withFix = run(seed, improved).lookupSuccessRate();
        double withoutFix = run(seed, improved.withChord(before)).lookupSuccessRate();

        assertThat(withFix).as("success with the fix, seed %s (without: %s)", seed, withoutFix).isGreaterThanOrEqualTo(0.95);
        assertThat(withoutFix).as("success without the fix, seed %s", seed).isLessThan(0.93);
    }

    private static Summary run(long seed, ScenarioTuning tuning) {
        ScenarioConfig config = new ScenarioConfig(Protocol.CHORD, LookupStyle.ITERATIVE, 200, seed,
                Duration.ofMinutes(5), 2_000, Duration.ofSeconds(84), SessionModel.EXPONENTIAL, 0, 0, 3, 0,
                LatencySpec.parse(LatencySpec.DEFAULT), NetworkKind.SIM, 60, PartitionSpec.NONE);
        return new ScenarioRunner(config, tuning).run(ScenarioRunner.Progress.NONE);
    }
}
