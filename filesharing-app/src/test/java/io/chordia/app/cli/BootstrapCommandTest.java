package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code chordia bootstrap}'s errors before any socket is opened: one line, a hint, exit code 1. */
class BootstrapCommandTest {
    private final InProcessCli cli = new InProcessCli();

    @Test
    void helpListsTheLimits() {
        assertThat(cli.run("bootstrap", "--help")).isZero();
        assertThat(cli.out()).contains("--rate-per-source", "--metrics-port", "--protocol=chord|kademlia");
        assertThat(cli.run("bootstrap", "flood", "--help")).isZero();
        assertThat(cli.out()).contains("--target=HOST:PORT");
    }

    @Test
    void anUnknownProtocolIsOneLineWithAHint() {
        assertThat(cli.run("bootstrap", "--protocol", "pastry")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(cli.err()).isEqualTo("chordia: --protocol: unknown protocol 'pastry': use chord or kademlia\n"
                + "  use --protocol chord or --protocol kademlia\n");
    }

    @Test
    void outOfRangeValuesAreUserErrors() {
        assertThat(cli.run("bootstrap", "--port", "70000")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(cli.err()).startsWith("chordia: --port must be between 0 and 65535, was 70000");
        assertThat(cli.run("bootstrap", "--rate-per-source", "0")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(cli.err()).contains("chordia: --rate-per-source must be in [1, 1000000], was 0")
                .doesNotContain("\tat ");
    }

    @Test
    void verboseWorksOnANestedCommand() {
        assertThat(cli.run("bootstrap", "flood", "--sockets", "0", "--verbose")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(cli.err()).contains("\tat io.chordia");
    }
}
