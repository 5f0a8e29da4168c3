package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChordiaCommandTest {
    private final InProcessCli cli = new InProcessCli();

    @Test
    void versionAndHelpExitZero() {
        assertThat(cli.run("--version")).isZero();
        assertThat(cli.out()).contains("chordia");
        assertThat(cli.run("demo", "--help")).isZero();
        assertThat(cli.out()).contains("--peers");
    }

    @Test
    void theVersionCommandPrintsWhatDashDashVersionPrints() {
        InProcessCli flag = new InProcessCli();
        assertThat(flag.run("--version")).isZero();
        assertThat(cli.run("version")).isZero();
        assertThat(cli.out()).startsWith("chordia ").isEqualTo(flag.out());
    }

    @Test
    void aMistypedCommandGetsTheNearOne() {
        assertThat(cli.run("stauts")).isEqualTo(2);
        assertThat(cli.err().lines()).first().isEqualTo("chordia: unknown command 'stauts' (see 'chordia --help')");
        assertThat(cli.err()).contains("\n  did you mean ").contains("chordia status").doesNotContain("Unmatched");
    }

    @Test
    void aMistypedOptionGetsTheNearOne() {
        assertThat(cli.run("status", "--jsno")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("chordia status: Unknown option: '--jsno' (see 'chordia status --help')\n"
                + "  did you mean --json?\n");
        cli.clearErr();
        assertThat(cli.run("sim", "--nodez", "5")).isEqualTo(2);
        assertThat(cli.err()).contains("did you mean --nodes");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(cli.run("frobnicate")).isEqualTo(2);
        assertThat(cli.err()).contains("frobnicate");
    }

    @Test
    void userErrorsAreOneLineWithAHintAndNoStackTrace() {
        assertThat(cli.run("demo", "--peers", "1")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(cli.err()).startsWith("chordia: --peers must be between 5 and 500, was 1")
                .contains("pick a number of peers in that range").doesNotContain("at io.chordia");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertThat(cli.run("demo", "--peers", "1", "--verbose")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(cli.err()).contains("at io.chordia");
    }
}
