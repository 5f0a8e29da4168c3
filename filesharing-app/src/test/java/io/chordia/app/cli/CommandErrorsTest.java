package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors people hit with node and the client commands: one line, a hint, exit 1, no stack trace. */
class CommandErrorsTest {
    @TempDir
    Path dir;

    /** A node started in this JVM added a log file in a temporary directory: back to log4j2.xml. */
    @AfterAll
    static void restoreLogging() {
        Configurator.reconfigure();
    }

    private final InProcessCli cli = new InProcessCli();

    private void assertOneUserError(String message) {
        String[] lines = cli.err().split("\n");
        assertThat(lines).as(cli.err()).hasSize(2);
        assertThat(lines[0]).startsWith("chordia: ").contains(message);
        assertThat(lines[1]).startsWith("  ");
        assertThat(cli.err()).doesNotContain("at io.chordia", "Exception");
    }

    @Test
    void portInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            assertThat(cli.run("node", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir",
                    dir.resolve("a").toString())).isEqualTo(ErrorReporter.USER_ERROR);
            assertOneUserError("port " + port + " is in use on 127.0.0.1");
            assertThat(cli.err()).contains("--port");
        }
    }

    @Test
    void aMetricsPortInUseReadsTheSameForTheNodeAndTheBootstrapNode() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            assertThat(cli.run("node", "--host", "127.0.0.1", "--port", "0", "--metrics-port", port, "--data-dir",
                    dir.resolve("a").toString())).isEqualTo(ErrorReporter.USER_ERROR);
            assertOneUserError("metrics port " + port + " is in use on 127.0.0.1");
            assertThat(cli.err()).contains("pick another with --metrics-port");
            cli.clearErr();
            assertThat(cli.run("bootstrap", "--host", "127.0.0.1", "--port", "0", "--metrics-port", port, "--data-dir",
                    dir.resolve("b").toString())).isNotZero();
            assertThat(cli.err()).contains("metrics port " + port + " is in use on 127.0.0.1")
                    .contains("pick another with --metrics-port");
        }
    }

    @Test
    void aMistypedOptionWithSwappedLettersGetsADidYouMean() {
        assertThat(cli.run("status", "--josn", "--data-dir", dir.toString())).isNotZero();
        assertThat(cli.err()).contains("Unknown option: '--josn'").contains("did you mean --json?");
        cli.clearErr();
        assertThat(cli.run("put", "k", "v", "--tll", "1h", "--data-dir", dir.toString())).isNotZero();
        assertThat(cli.err()).contains("did you mean --ttl?");
    }

    @Test
    void dataDirectoryNotWritable() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(cli.run("node", "--data-dir", file.resolve("sub").toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("is not writable");
        assertThat(cli.err()).contains("--data-dir");
    }

    @Test
    void malformedOrUnknownBootstrapAddress() {
        assertThat(cli.run("node", "--bootstrap", "1.2.3", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("malformed bootstrap address");
        cli.clearErr();
        assertThat(cli.run("node", "--bootstrap", "no-such-host.invalid:4000", "--data-dir", dir.toString()))
                .isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("cannot resolve bootstrap host 'no-such-host.invalid'");
    }

    @Test
    void unknownProtocol() {
        assertThat(cli.run("node", "--protocol", "pastry", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("unknown protocol 'pastry'");
    }

    @Test
    void daemonNotRunning() {
        assertThat(cli.run("get", "alice.txt", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("no chordia node is running with data directory " + dir.toAbsolutePath());
        assertThat(cli.err()).contains("chordia node --data-dir");
    }

    @Test
    void daemonKilledLeavingItsPortFileBehind() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        Files.writeString(dir.resolve("control.port"), dead + "\n");
        Files.writeString(dir.resolve("control.secret"), "0123456789abcdef0123456789abcdef\n");
        assertThat(cli.run("status", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("no chordia node is running");
    }

    @Test
    void dashboardPrintsNoLinkForANodeThatIsGone() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        Files.writeString(dir.resolve("control.port"), dead + "\n");
        Files.writeString(dir.resolve("control.secret"), "0123456789abcdef0123456789abcdef\n");
        assertThat(cli.run("dashboard", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("no chordia node is running");
        assertThat(cli.out()).doesNotContain("secret");
    }

    @Test
    void malformedKey() {
        assertThat(cli.run("get", "", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("malformed key");
        cli.clearErr();
        assertThat(cli.run("put", "a\tb", "v", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("malformed key");
    }

    @Test
    void verboseAddsTheStackTrace() {
        assertThat(cli.run("status", "--verbose", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(cli.err()).contains("no chordia node is running").contains("at io.chordia");
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String command : new String[] {"node", "put", "get", "lookup", "status"}) {
            assertThat(cli.run(command, "--help")).isZero();
        }
        assertThat(cli.out()).contains("--bootstrap", "--metrics-port", "SHA-1", "--json", "--style");
    }
}
