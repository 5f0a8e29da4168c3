package io.chordia.sim.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.sim.scenario.CostModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChurnSweepReportTest {
    @Test
    void theDefaultIsLiEtAlsSetup() {
        ChurnSetup li = ChurnSetup.li(1);

        assertThat(li.nodes()).isEqualTo(1024);
        assertThat(li.meanSession()).isEqualTo(Duration.ofHours(1));
        assertThat(li.medianSession()).isEqualTo(Duration.ofMillis(2_495_330));
        assertThat(li.lookups()).as("one per node every 600 s for 6 h").isEqualTo(1024 * 36);
        assertThat(li.costModel()).isEqualTo(CostModel.LI);
    }

    @Test
    void theQuickDefaultIsLiEtAlsSetupForFiveMinutesWithoutKademliasTenSecondPoint() {
        ChurnSetup quick = ChurnSetup.quick(1);

        assertThat(quick).isEqualTo(ChurnSetup.li(1).withDuration(Duration.ofMinutes(5))
                .withKademliaPeriods(ChurnSetup.QUICK_KADEMLIA_PERIODS));
        assertThat(quick.lookups()).as("one per node every 600 s for 5 min").isEqualTo(512);
        assertThat(ChurnSetup.li(1).kademliaPeriods()).first().isEqualTo(Duration.ofSeconds(10));
        assertThat(quick.kademliaPeriods()).doesNotContain(Duration.ofSeconds(10)).contains(Duration.ofSeconds(30))
                .hasSize(ChurnSetup.KADEMLIA_PERIODS.size() - 1);
    }

    /** Li et al.'s 6-h run of 1,024 nodes is a command (sim paper churn), not a test: 32 nodes for 10 minutes here. */
    @Test
    void aScaledDownRunChargesBytesAsLiEtAlAndWritesItsChart(@TempDir Path dir) {
        ChurnSetup small = ChurnSetup.li(1).withNodes(32).withDuration(Duration.ofMinutes(10));

        List<String> progress = new ArrayList<>();
        ReportOutput output = new ReportOutput(dir, progress::add);

        String report = new ChurnSweepReport(3, small).run(output);

        assertThat(report).contains("charged by cost model li (Li et al.: 20 B per message + 4 B per node id carried)")
                .contains("32 nodes").contains("INFOCOM'05").contains("(not verified)");
        assertThat(report.lines().filter(l -> l.startsWith("| chord ") || l.startsWith("| kademlia "))).hasSize(12);
        List<String> runs = progress.stream().filter(l -> !l.endsWith("of this run")).toList();
        assertThat(runs).as("a line per run, and one at the end").hasSize(13);
        assertThat(runs.get(0)).endsWith("chord, maintenance every 1s");
        assertThat(progress).as("and one at each quarter of a run").hasSize(13 + 12 * 3);
        assertThat(progress.subList(1, 4)).allMatch(l -> l.endsWith("of this run"));
        assertThat(progress.get(3)).endsWith("75% of this run");
        assertThat(output.written()).containsExactly(dir.resolve("latency-vs-bandwidth.png"),
                dir.resolve("latency-vs-bandwidth.svg"));
        assertThat(dir.resolve("latency-vs-bandwidth.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency-vs-bandwidth.svg")).isNotEmptyFile();
    }
}
