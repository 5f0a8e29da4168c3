package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code --consistency-pairs}: Bamboo's lookup consistency as a summary field. */
class ConsistencyPairsSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aQuietNetworkIsFullyConsistentAndTheFieldIsNullWhenNotMeasured() throws Exception {
        SimRun paired = SimRun.of("--nodes", "48", "--duration", "5m", "--consistency-pairs", "--json");
        SimRun plain = SimRun.of("--nodes", "48", "--duration", "5m", "--json");

        assertThat(paired.exitCode()).as(paired.err()).isZero();
        JsonNode s = JSON.readTree(paired.out());
        assertThat(s.get("lookupConsistency").asDouble()).isEqualTo(1.0);
        assertThat(s.get("lookups").asLong()).as("twins are not graded as lookups").isEqualTo(240);
        assertThat(JSON.readTree(plain.out()).get("lookupConsistency").isNull()).isTrue();
    }

    @Test
    void churnLeavesSomePairsDisagreeingOrFailingAndTheTextSaysSo() {
        SimRun run = SimRun.of("--nodes", "64", "--duration", "10m", "--churn-median", "1m", "--consistency-pairs");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("consistency      0\\.\\d{4} of lookup pairs");
    }
}
