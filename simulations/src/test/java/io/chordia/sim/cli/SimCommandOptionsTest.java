package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options end in one readable line on stderr and a non-zero exit, before any simulation starts. */
class SimCommandOptionsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--nodes -5                | --nodes must be at least 2, was -5",
            "--nodes many              | Invalid value for option '--nodes'",
            "--protocol pastry         | 'pastry' is not one of chord, kademlia",
            "--duration 1x             | '1x' is not a duration",
            "--duration 0              | --duration must be positive",
            "--churn-median 5s         | --churn-median must be 0 (no churn) or at least 10s",
            "--churn-model gaussian    | 'gaussian' is not one of exponential, weibull, pareto",
            "--lookup-style flooding   | 'flooding' is not one of iterative, recursive",
            "--fail-fraction 1.5       | --fail-fraction must be in [0, 1), was 1.5",
            "--loss -0.1               | --loss must be in [0, 1), was -0.1",
            "--latency gamma:3ms       | 'gamma:3ms' is not a latency model",
            "--network tcp             | 'tcp' is not one of sim, udp",
            "--replicas 0              | --replicas must be between 1 and 16, was 0",
            "--nodes 5000 --network udp | --network udp runs at most 2000 nodes",
            "--frobnicate              | Unknown option: '--frobnicate'"})
    void aBadOptionIsOneLineAndANonZeroExit(String args, String message) {
        SimRun run = SimRun.of(args.trim().split("\\s+"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("chordia sim: ").contains(message);
    }
}
