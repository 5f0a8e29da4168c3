package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordia.sim.report.RunFiles;
import io.chordia.sim.scenario.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small scenarios through the command line: the summary's fields, determinism, and the files --out writes. */
class SimCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUIRED = List.of("protocol", "lookupStyle", "nodes", "seed", "simulatedSeconds",
            "wallSeconds", "events", "eventsPerWallSecond", "messages", "lookups", "lookupSuccessRate", "hopsMean", "hopsP50",
            "hopsP99", "lookupLatencyMsMean", "lookupLatencyMsP50", "lookupLatencyMsP90", "lookupLatencyMsP99", "maintenanceBytesPerNodePerSecond", "keysStored",
            "keysLost", "ringInvariantViolations", "oracleLatencyMsP50", "oracleLatencyMsP99");

    @Test
    void aQuietChordNetworkFindsEveryOwnerAndKeepsEveryKey() throws Exception {
        SimRun run = SimRun.of("--nodes", "64", "--duration", "10m", "--keys", "200", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        JsonNode s = JSON.readTree(run.out());
        REQUIRED.forEach(field -> assertThat(s.has(field)).as(field).isTrue());
        assertThat(s.get("protocol").asText()).isEqualTo("chord");
        assertThat(s.get("lookupStyle").asText()).isEqualTo("iterative");
        assertThat(s.get("nodes").asInt()).isEqualTo(64);
        assertThat(s.get("simulatedSeconds").asDouble()).isEqualTo(600.0);
        assertThat(s.get("lookups").asLong()).isEqualTo(640);
        assertThat(s.get("lookupSuccessRate").asDouble()).isEqualTo(1.0);
        assertThat(s.get("hopsMean").asDouble()).isBetween(1.0, 6.0);
        assertThat(s.get("hopsP99").asLong()).isGreaterThanOrEqualTo(s.get("hopsP50").asLong());
        assertThat(s.get("lookupLatencyMsP50").asDouble()).isBetween(10.0, 1000.0);
        assertThat(s.get("lookupLatencyMsMean").asDouble()).isBetween(10.0, 1000.0);
        assertThat(s.get("lookupLatencyMsP90").asDouble()).isGreaterThanOrEqualTo(s.get("lookupLatencyMsP50").asDouble());
        assertThat(s.get("lookupLatencyMsP99").asDouble()).isGreaterThanOrEqualTo(s.get("lookupLatencyMsP90").asDouble());
        assertThat(s.get("messages").asLong()).isGreaterThan(s.get("lookups").asLong());
        assertThat(s.get("events").asLong()).isGreaterThan(s.get("messages").asLong());
        assertThat(s.get("maintenanceBytesPerNodePerSecond").asDouble()).isPositive();
        assertThat(s.get("keysStored").asLong()).isEqualTo(200);
        assertThat(s.get("keysLost").asLong()).isZero();
        assertThat(s.get("ringInvariantViolations").asInt()).isZero();
        assertThat(s.get("wallSeconds").asDouble()).isPositive();
    }

    @Test
    void aQuietKademliaNetworkFindsEveryClosestNodeRecursively() throws Exception {
        SimRun run = SimRun.of("--protocol", "kademlia", "--lookup-style", "recursive", "--nodes", "64", "--duration", "5m",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        assertThat(s.get("protocol").asText()).isEqualTo("kademlia");
        assertThat(s.get("lookups").asLong()).isEqualTo(320);
        assertThat(s.get("lookupSuccessRate").asDouble()).isEqualTo(1.0);
        assertThat(s.get("ringInvariantViolations").isNull()).isTrue();
    }

    @Test
    void mainlineRunsWithBep5sKUnlessKIsGiven() throws Exception {
        SimRun mainline = SimRun.of("--protocol", "mainline", "--nodes", "32", "--duration", "2m", "--json");
        SimRun wider = SimRun.of("--protocol", "mainline", "--k", "12", "--nodes", "32", "--duration", "2m");
        SimRun chord = SimRun.of("--k", "8", "--nodes", "32", "--duration", "2m");

        assertThat(mainline.exitCode()).as(mainline.err()).isZero();
        assertThat(JSON.readTree(mainline.out()).get("k").asInt()).isEqualTo(8);
        assertThat(wider.exitCode()).as(wider.err()).isZero();
        assertThat(wider.out().lines().findFirst().orElseThrow()).startsWith("mainline (k = 12), iterative lookups");
        assertThat(chord.exitCode()).isEqualTo(SimCommand.USAGE_ERROR);
        assertThat(chord.err()).contains("--k is Kademlia's bucket size");
    }

    @Test
    void theSameSeedGivesTheSameSummaryByteForByteAndAnotherSeedAnother() throws Exception {
        String[] args = {"--nodes", "64", "--duration", "10m", "--churn-median", "5m", "--fail-fraction", "0.2", "--keys",
                "100", "--loss", "0.01", "--json"};
        String first = withoutWallClock(SimRun.of(args).out());
        String second = withoutWallClock(SimRun.of(args).out());
        String[] other = args.clone();
        String third = withoutWallClock(SimRun.of(concat(other, "--seed", "2")).out());

        assertThat(second).isEqualTo(first);
        JsonNode s = JSON.readTree(first);
        assertThat(s.get("departures").asLong()).as("churn happened").isPositive();
        assertThat(s.get("massFailures").asLong()).as("a fifth of about 64 live nodes").isBetween(12L, 13L);
        assertThat(third).isNotEqualTo(first);
    }

    @Test
    void outWritesTheSummaryTheMinuteSeriesAndTheCharts(@TempDir Path dir) throws Exception {
        SimRun run = SimRun.of("--nodes", "32", "--duration", "3m", "--churn-median", "2m", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("success rate").contains("hops").contains("32 nodes");
        assertThat(Files.readString(dir.resolve("summary.txt"))).isEqualTo(run.out());
        assertThat(run.err()).contains("chordia sim: wrote summary.txt, summary.json, series.csv and charts to "
                + dir.toAbsolutePath().normalize());
        assertThat(JSON.readTree(dir.resolve("summary.json").toFile()).get("nodes").asInt()).isEqualTo(32);
        List<String> csv = Files.readAllLines(dir.resolve("series.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("minute,liveNodes,lookups,succeeded");
        assertThat(csv.get(1)).startsWith("0,");
        for (String chart : RunFiles.CHARTS) {
            byte[] png = Files.readAllBytes(dir.resolve(chart + ".png"));
            assertThat(png).as(chart).startsWith(0x89, 'P', 'N', 'G');
            assertThat(Files.readString(dir.resolve(chart + ".svg"))).as(chart).contains("<svg");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String withoutWallClock(String json) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        assertThat(node.has("wallSeconds")).isTrue();
        Summary.WALL_CLOCK_FIELDS.forEach(node::remove);
        return JSON.writeValueAsString(node);
    }
}
