package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sim paper's mode options apply to the report that has the mode; elsewhere one line and exit 2, before any run. */
class PaperCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "paper churn --faithful    | --faithful applies to chord and kademlia",
            "paper chord --full        | --full applies to churn only"})
    void aModeOptionOnTheWrongReportIsAUsageError(String args, String message) {
        SimRun run = SimRun.of(args.trim().split("\\s+"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("chordia sim paper: ").contains(message);
    }
}
