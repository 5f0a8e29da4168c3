package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chordia sim --sybil 20 ...}: 20 attackers with ids ground around 6 of 200 stored keys
 * censor those keys without a defense; reaching past them holds censorship to 1%. Counting
 * distinct subnets stops attackers from one /24 but not from as many /24s as replicas (the reason
 * it is not the default defense). Pinned seed, 200 honest nodes, 3 simulated minutes.
 */
class SybilSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}, defense {1}, {2} subnets")
    @CsvSource({"chord,none,4,true", "chord,reach,4,false", "chord,subnets,4,true", "chord,subnets,1,false",
            "kademlia,none,4,true", "kademlia,reach,4,false", "kademlia,both,4,false"})
    void attackersCensorTheirTargetsUnlessTheReplicaSetReachesPastThem(String protocol, String defense, int subnets,
                                                                      boolean censored) throws Exception {
        JsonNode s = run(protocol, "--sybil", "20", "--sybil-subnets", String.valueOf(subnets), "--sybil-defense", defense);

        assertThat(s.get("sybils").asInt()).isEqualTo(20);
        assertThat(s.get("sybilSubnets").asInt()).isEqualTo(subnets);
        assertThat(s.get("sybilDefense").asText()).isEqualTo(defense);
        assertThat(s.get("keysStored").asLong()).as("the attackers acknowledge stores: %s", s).isEqualTo(200);
        double targeted = s.get("getsCensoredTargeted").asDouble();
        if (censored) {
            assertThat(targeted).as("the attack is real: %s", s).isGreaterThanOrEqualTo(0.9);
            assertThat(s.get("getsCensored").asDouble()).as("6 targets of 200 keys, and a few keys beside them: %s", s)
                    .isBetween(0.03, 0.1);
        } else {
            assertThat(targeted).as("%s", s).isLessThanOrEqualTo(0.01);
            assertThat(s.get("getsCensored").asDouble()).as("%s", s).isLessThanOrEqualTo(0.01);
        }
    }

    @Test
    void withoutAttackersNothingIsCensoredAndTheTargetedFieldIsNull() throws Exception {
        JsonNode s = run("chord", "--sybil-defense", "reach");

        assertThat(s.get("sybils").asInt()).isZero();
        assertThat(s.get("getsCensored").asDouble()).isZero();
        assertThat(s.get("getsCensoredTargeted").isNull()).isTrue();
        assertThat(s.get("keysLost").asLong()).isZero();
    }

    @Test
    void theTextSummaryNamesTheAttackAndBothFigures() {
        SimRun run = SimRun.of("--nodes", "60", "--duration", "1m", "--keys", "30", "--sybil", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sybil attack     3 attackers from 1 /24 subnets; defense none; gets censored")
                .contains("of the targeted ones");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'--sybil,3', --sybil attacks stored keys: give --keys too",
            "'--sybil,2,--sybil-subnets,3,--keys,10', --sybil-subnets (3) cannot exceed the attackers (2)",
            "'--sybil,300,--keys,10', --sybil must be between 0 and 254",
            "'--sybil-defense,walls', 'walls' is not one of none, subnets, reach, both",
            "'--sybil,3,--keys,10,--network,udp,--nodes,4', --sybil is a simulator setting"})
    void badSybilOptionsAreOneLineErrors(String args, String message) {
        SimRun run = SimRun.of(args.split(","));
        assertThat(run.exitCode()).isEqualTo(SimCommand.USAGE_ERROR);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    private static JsonNode run(String protocol, String... more) throws Exception {
        String[] args = {"--protocol", protocol, "--nodes", "200", "--duration", "3m", "--keys", "200", "--seed", "7",
                "--json"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        SimRun run = SimRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }
}
