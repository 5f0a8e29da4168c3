package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code chordia bootstrap}'s errors before any socket is opened: one line, a hint, exit code 1. */
class BootstrapCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ChordiaCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheLimits() {
        assertThat(run("bootstrap", "--help")).isZero();
        assertThat(out.toString()).contains("--rate-per-source", "--metrics-port", "--protocol=chord|kademlia");
        assertThat(run("bootstrap", "flood", "--help")).isZero();
        assertThat(out.toString()).contains("--target=HOST:PORT");
    }

    @Test
    void anUnknownProtocolIsOneLineWithAHint() {
        assertThat(run("bootstrap", "--protocol", "pastry")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).isEqualTo("chordia: --protocol: unknown protocol 'pastry': use chord or kademlia\n"
                + "  use --protocol chord or --protocol kademlia\n");
    }

    @Test
    void outOfRangeValuesAreUserErrors() {
        assertThat(run("bootstrap", "--port", "70000")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).startsWith("chordia: --port must be between 0 and 65535, was 70000");
        assertThat(run("bootstrap", "--rate-per-source", "0")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).contains("chordia: --rate-per-source must be in [1, 1000000], was 0")
                .doesNotContain("\tat ");
    }

    @Test
    void verboseWorksOnANestedCommand() {
        assertThat(run("bootstrap", "flood", "--sockets", "0", "--verbose")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).contains("\tat io.chordia");
    }
}
