package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The scenario of {@code chordia sim} over real UDP sockets on 127.0.0.1, in wall time. */
class SimUdpIT {
    @Test
    void theSameScenarioRunsOverRealSockets() throws Exception {
        SimRun run = SimRun.of("--network", "udp", "--nodes", "32", "--duration", "8s", "--lookups", "64", "--keys", "20",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(run.out());
        assertThat(s.get("network").asText()).isEqualTo("udp");
        assertThat(s.get("lookups").asLong()).isEqualTo(64);
        // Loopback loses nothing here and the network is converged: every lookup finds its owner.
        assertThat(s.get("lookupSuccessRate").asDouble()).isEqualTo(1.0);
        assertThat(s.get("messages").asLong()).isPositive();
        assertThat(s.get("bytes").asLong()).isGreaterThan(s.get("messages").asLong());
        assertThat(s.get("keysStored").asLong()).isEqualTo(20);
        assertThat(s.get("keysLost").asLong()).isZero();
        assertThat(s.get("wallSeconds").asDouble()).isGreaterThanOrEqualTo(8.0);
    }
}
