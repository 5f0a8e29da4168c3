package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChordiaCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ChordiaCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void versionAndHelpExitZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("chordia");
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--peers");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void userErrorsAreOneLineWithAHintAndNoStackTrace() {
        assertThat(run("demo", "--peers", "1")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).startsWith("chordia: --peers must be between 5 and 500, was 1")
                .contains("pick a number of peers in that range").doesNotContain("at io.chordia");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertThat(run("demo", "--peers", "1", "--verbose")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).contains("at io.chordia");
    }
}
