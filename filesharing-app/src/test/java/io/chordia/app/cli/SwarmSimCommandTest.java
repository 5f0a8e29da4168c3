package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code chordia sim swarm} is reachable under {@code sim}, prints JSON per picker and writes its files. */
class SwarmSimCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ChordiaCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void twoPickersOnTheSameSwarmGiveTwoSummariesAndTheFilesAndChartsAreWritten() throws Exception {
        Path runs = dir.resolve("runs");
        int code = run("sim", "swarm", "--peers", "6", "--size", "1MiB", "--piece-size", "64KiB", "--upload", "fixed:2MB/s",
                "--latency", "10ms", "--picker", "rarest,sequential", "--json", "--out", runs.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.path("scenario").path("leechers").asInt()).isEqualTo(6);
        assertThat(doc.path("runs")).hasSize(2);
        assertThat(doc.path("runs").get(0).path("picker").asText()).isEqualTo("rarest");
        assertThat(doc.path("runs").get(1).path("picker").asText()).isEqualTo("sequential");
        assertThat(doc.path("runs").get(0).path("completed").asInt()).isEqualTo(6);
        for (String f : new String[] {"summary.json", "peers.csv", "samples.csv", "completion-cdf.png", "completion-cdf.svg",
                "availability.png", "utilisation.svg"}) {
            assertThat(runs.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(runs.resolve("peers.csv"))).hasSize(1 + 2 * 7);
    }

    @Test
    void aBadUploadDistributionIsAUsageErrorSayingWhatIsAccepted() {
        int code = run("sim", "swarm", "--upload", "lots");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("fixed:RATE").contains("uniform:LOW-HIGH");
    }
}
