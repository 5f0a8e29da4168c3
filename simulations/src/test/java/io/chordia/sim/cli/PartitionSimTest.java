package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chordia sim --partition-at ...}: half the network cut off for 5 minutes while keys are
 * written on both sides, then healed. Pinned seeds, both protocols, with and without churn.
 */
class PartitionSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}, seed {1}, churn {2}")
    @CsvSource({"chord,1,0", "chord,2,30m", "kademlia,1,0", "kademlia,2,30m"})
    void theNetworkMergesAfterTheHealAndKeepsEveryAcknowledgedWrite(String protocol, long seed, String churn)
            throws Exception {
        SimRun run = SimRun.of("--protocol", protocol, "--nodes", "120", "--seed", String.valueOf(seed), "--duration",
                "15m", "--churn-median", churn, "--keys", "60", "--partition-at", "3m", "--partition-for", "5m",
                "--partition-fraction", "0.5", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        assertThat(s.get("mergeSeconds").isNull()).as("merged before the end: %s", s).isFalse();
        // Positive: at the heal the checker sees the split (nodes whose successor or nearest
        // neighbour is on the other side and unknown), so it measures a merge rather than nothing.
        assertThat(s.get("mergeSeconds").asDouble()).as("%s", s).isPositive().isLessThan(180);
        if (protocol.equals("chord")) {
            assertThat(s.get("ringsAtEnd").asInt()).isEqualTo(1);
        } else {
            assertThat(s.get("ringsAtEnd").isNull()).isTrue();
        }
        assertThat(s.get("keysStored").asLong()).isEqualTo(60);
        assertThat(s.get("keysLost").asLong()).as("%s", s).isZero();
        // Both sides wrote every key; where both writes were acknowledged one had to lose.
        assertThat(s.get("keysLostToConflicts").asLong()).as("%s", s).isBetween(30L, 60L);
        // While split: a lookup finds its key's owner when the owner is on its own side, not otherwise.
        assertThat(s.get("partitionSameSideSuccessRate").asDouble()).as("%s", s).isGreaterThan(0.97);
        assertThat(s.get("partitionCrossSideSuccessRate").asDouble()).as("%s", s).isLessThan(0.2);
        assertThat(s.get("afterHealSuccessRate").asDouble()).as("%s", s).isGreaterThan(0.8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'--partition-at,10m,--partition-for,10m,--duration,15m', must heal before the end",
            "'--partition-at,1m', --partition-at needs --partition-for",
            "'--partition-at,1m,--partition-for,1m,--partition-fraction,1', --partition-fraction must be in (0, 1)",
            "'--partition-at,1m,--partition-for,1m,--network,udp,--nodes,4', --partition-at is a simulator setting"})
    void badPartitionOptionsAreOneLineErrors(String args, String message) {
        SimRun run = SimRun.of(args.split(","));
        assertThat(run.exitCode()).isEqualTo(SimCommand.USAGE_ERROR);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
