package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The summary's {@code networkSizeEstimate}: what a typical node believes, within 10% of the live nodes. */
class NetworkSizeSummarySimTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"chord", "kademlia"})
    void aTypicalNodeKnowsTheNetworksSizeWithinTenPercent(String protocol) throws Exception {
        SimRun run = SimRun.of("--protocol", protocol, "--nodes", "400", "--duration", "16m", "--churn-median", "30m",
                "--seed", "5", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        double live = s.get("liveNodesAtEnd").asDouble();
        assertThat(s.get("networkSizeEstimate").asDouble()).as(run.out()).isBetween(0.9 * live, 1.1 * live);
    }
}
