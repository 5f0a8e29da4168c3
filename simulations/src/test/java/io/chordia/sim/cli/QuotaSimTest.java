package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chordia sim --quota}: honest nodes under churn, with repair and hand-off running and the
 * store quota set to the mean number of records a node holds, refuse nothing. A short run of what
 * docs/security.md reports over a simulated day. Pinned seeds.
 */
class QuotaSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPLICAS = 3;

    /**
     * A 10-minute median session replaces the network several times an hour, so many newcomers are
     * handed records. Chord seed 2 refused 47 stores when a newcomer charged the nodes before its
     * one known predecessor, and seed 1 refused 15.
     */
    @ParameterizedTest(name = "{0}, seed {1}, {3} nodes, {2} keys, {4}")
    @CsvSource({"chord,1,1000,30,1h", "chord,2,1000,30,1h", "kademlia,1,200,20,20m"})
    void honestNodesWithTheQuotaAtTheirMeanLoadRefuseNothing(String protocol, long seed, int keys, int nodes,
                                                              String duration) throws Exception {
        int quota = keys * REPLICAS / nodes;
        SimRun run = SimRun.of("--protocol", protocol, "--seed", String.valueOf(seed), "--nodes", String.valueOf(nodes),
                "--keys", String.valueOf(keys), "--replicas", String.valueOf(REPLICAS), "--quota", String.valueOf(quota),
                "--duration", duration, "--churn-median", "10m", "--lookups", "0", "--no-byte-count", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        assertThat(s.get("departures").asLong()).as("churn happened: %s", s).isPositive();
        assertThat(s.get("joins").asLong()).as("newcomers were handed records: %s", s).isPositive();
        assertThat(s.get("recordsPerNodeMax").asLong()).as("the quota binds: a node holds more: %s", s)
                .isGreaterThan(quota);
        assertThat(s.get("quotaRefusals").asLong()).as("%s", s).isZero();
        assertThat(s.get("quotaPeak").asLong()).as("%s", s).isPositive().isLessThanOrEqualTo(quota);
        assertThat(s.get("keysLost").asLong()).as("%s", s).isZero();
    }

    @Test
    void aQuotaBelowWhatOneOriginStoresOnANodeIsCountedAsRefusals() throws Exception {
        SimRun run = SimRun.of("--nodes", "30", "--keys", "300", "--quota", "1", "--duration", "2m", "--lookups", "0",
                "--no-byte-count", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        assertThat(s.get("quotaRefusals").asLong()).as("%s", s).isPositive();
        assertThat(s.get("quotaPeak").asLong()).as("%s", s).isEqualTo(1);
    }

    @Test
    void aQuotaBelowOneIsAUsageError() {
        SimRun run = SimRun.of("--nodes", "4", "--quota", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--quota must be at least 1");
    }
}
