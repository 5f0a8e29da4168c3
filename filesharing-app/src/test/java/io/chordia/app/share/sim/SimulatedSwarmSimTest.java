package io.chordia.app.share.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.swarm.ChokePolicy;
import io.chordia.app.share.swarm.PiecePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole simulated swarms, kept small: 20 leechers and one seed in a flash crowd, 16 MiB in 64 KiB
 * pieces, 1 MB/s of upload each, 10 download links per leecher. Fewer pieces than the links can
 * have in flight at once would put every fetch in endgame from the start, where the picker no
 * longer matters.
 */
class SimulatedSwarmSimTest {
    private static SwarmScenario flashCrowd(PiecePolicy picker, long seed) {
        return new SwarmScenario(20, 1, 16L << 20, 64 << 10, UploadSpec.parse("fixed:1MB/s"), Duration.ofMillis(20),
                ArrivalSpec.FLASH, picker, ChokePolicy.defaults(), 10, seed, Duration.ofHours(1), Duration.ofSeconds(1));
    }

    @Test
    void theSameSeedGivesTheSameSummaryAndAnotherSeedAnother() {
        SwarmRun.Summary first = new SwarmSimulation(flashCrowd(PiecePolicy.RAREST, 3)).run().summary();
        SwarmRun.Summary again = new SwarmSimulation(flashCrowd(PiecePolicy.RAREST, 3)).run().summary();
        SwarmRun.Summary other = new SwarmSimulation(flashCrowd(PiecePolicy.RAREST, 4)).run().summary();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.completed()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void rarestFirstKeepsTheRarestPieceAtLeastAsCommonAsRandomDoes(long seed) {
        SwarmRun.Summary rarest = new SwarmSimulation(flashCrowd(PiecePolicy.RAREST, seed)).run().summary();
        SwarmRun.Summary random = new SwarmSimulation(flashCrowd(PiecePolicy.RANDOM, seed)).run().summary();
        assertThat(rarest.completed()).isEqualTo(20);
        assertThat(random.completed()).isEqualTo(20);
        assertThat(rarest.meanMinAvailability()).isGreaterThanOrEqualTo(random.meanMinAvailability());
    }

    @Test
    void everyLeecherFinishesNoSoonerThanTheSeedsUplinkAllowsAndLeechersUpload() {
        SwarmScenario s = new SwarmScenario(10, 1, 2L << 20, 64 << 10, UploadSpec.parse("fixed:1MB/s"), Duration.ofMillis(10),
                ArrivalSpec.FLASH, PiecePolicy.RAREST, ChokePolicy.defaults(), 20, 1, Duration.ofHours(1), Duration.ofSeconds(1));
        SwarmRun run = new SwarmSimulation(s).run();
        assertThat(run.summary().completed()).isEqualTo(10);
        // Every byte leaves the seed at least once, at 1 MB/s: no leecher can be done before 2 MiB / 1 MB/s.
        assertThat(run.summary().completionMaxSeconds()).isGreaterThan((2 << 20) / 1e6);
        // Ten leechers fed by the seed alone would need 10 copies through its uplink: 21 s. Trading does much better.
        assertThat(run.summary().completionMaxSeconds()).isLessThan(10 * (2 << 20) / 1e6 / 2);
        long leechersUploaded = run.peers().stream().filter(p -> !p.initialSeed()).mapToLong(SwarmRun.Peer::uploadedBytes).sum();
        assertThat(leechersUploaded).isGreaterThan(2L << 20);
    }
}
