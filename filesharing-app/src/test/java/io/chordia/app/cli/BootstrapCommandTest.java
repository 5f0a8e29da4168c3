package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.UserFacingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code chordia bootstrap}'s errors before any socket is opened: one line naming what to change,
 * exit code 2 (the bootstrap module is below the app's user-error type, so it reports them as
 * picocli's usage errors).
 */
class BootstrapCommandTest {
    private final InProcessCli cli = new InProcessCli();

    @TempDir
    Path dir;

    @Test
    void helpListsTheLimits() {
        assertThat(cli.run("bootstrap", "--help")).isZero();
        assertThat(cli.out()).contains("--rate-per-source", "--metrics-port", "--protocol=chord|kademlia");
        assertThat(cli.run("bootstrap", "flood", "--help")).isZero();
        assertThat(cli.out()).contains("--target=HOST:PORT");
    }

    @Test
    void anUnknownProtocolIsOneLine() {
        assertThat(cli.run("bootstrap", "--protocol", "pastry")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("chordia bootstrap: --protocol: unknown protocol 'pastry': use chord, kademlia, mainline"
                + " (see 'chordia bootstrap --help')\n");
    }

    @Test
    void outOfRangeValuesAreOneLineNamingTheOption() {
        assertThat(cli.run("bootstrap", "--port", "70000")).isEqualTo(2);
        assertThat(cli.err()).startsWith("chordia bootstrap: --port must be between 0 and 65535, was 70000; pick a port");
        cli.clearErr();
        assertThat(cli.run("bootstrap", "--rate-per-source", "0")).isEqualTo(2);
        assertThat(cli.err()).contains("chordia bootstrap: --rate-per-source must be in [1, 1000000], was 0")
                .doesNotContain("\tat ");
        cli.clearErr();
        assertThat(cli.run("bootstrap", "flood", "--sockets", "0")).isEqualTo(2);
        assertThat(cli.err().lines()).singleElement().asString().startsWith("chordia bootstrap flood: the values must be --sockets 1..10000");
    }

    @Test
    void aDataDirectoryThatIsAFileIsOneLineNamingTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(cli.run("bootstrap", "--port", "0", "--data-dir", file.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("chordia bootstrap: data directory " + file + " is not a writable directory;"
                + " pick another with --data-dir, or fix its permissions (see 'chordia bootstrap --help')\n");
    }

    @Command(name = "fail")
    static final class Failing implements Runnable {
        @Override
        public void run() {
            throw new UserFacingException("it failed", "do something else");
        }
    }

    @Test
    void verboseWorksOnANestedCommand() {
        CommandLine chordia = ChordiaCommand.newCommandLine();
        chordia.getSubcommands().get("bootstrap").addSubcommand(new Failing());
        StringWriter err = new StringWriter();
        chordia.setErr(new PrintWriter(err, true));
        assertThat(chordia.execute("bootstrap", "fail", "--verbose")).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).startsWith("chordia: it failed\n  do something else\n").contains("\tat io.chordia");
    }
}
