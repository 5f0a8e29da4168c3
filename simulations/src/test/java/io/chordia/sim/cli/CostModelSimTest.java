package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code --cost-model}: how bytes are charged changes the byte figures and nothing else, and the summary says which. */
class CostModelSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RUN = {"--nodes", "48", "--duration", "5m", "--churn-median", "3m", "--json"};

    private static JsonNode run(String... extra) throws Exception {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(RUN), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        SimRun run = SimRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void liChargesTwentyBytesPerMessagePlusFourPerNodeAndSaysSo() throws Exception {
        JsonNode encoded = run();
        JsonNode li = run("--cost-model", "li");

        assertThat(encoded.get("costModel").asText()).isEqualTo("encoded");
        assertThat(li.get("costModel").asText()).isEqualTo("li");
        assertThat(li.get("traceHash")).as("charging differently must not change the run").isEqualTo(encoded.get("traceHash"));
        assertThat(li.get("messages")).isEqualTo(encoded.get("messages"));
        long messages = li.get("messages").asLong();
        long bytes = li.get("bytes").asLong();
        assertThat(bytes - 20 * messages).as("4 bytes per node carried beyond 20 per message").isPositive();
        assertThat((bytes - 20 * messages) % 4).isZero();
        assertThat(bytes).isNotEqualTo(encoded.get("bytes").asLong());
    }

    @Test
    void theTextSummaryNamesTheCostModel() {
        SimRun run = SimRun.of("--nodes", "16", "--duration", "1m", "--cost-model", "li");

        assertThat(run.out()).contains("bytes/node/s (cost model: li)");
    }

    @Test
    void liOverUdpIsAUsageError() {
        SimRun run = SimRun.of("--network", "udp", "--nodes", "4", "--duration", "1s", "--cost-model", "li");

        assertThat(run.exitCode()).isEqualTo(SimCommand.USAGE_ERROR);
        assertThat(run.err()).contains("--cost-model li needs the simulator");
    }
}
