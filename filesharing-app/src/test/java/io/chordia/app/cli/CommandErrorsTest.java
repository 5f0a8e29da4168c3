package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/** The errors people hit with node and the client commands: one line, a hint, exit 1, no stack trace. */
class CommandErrorsTest {
    @TempDir
    Path dir;

    /** A node started in this JVM added a log file in a temporary directory: back to log4j2.xml. */
    @AfterAll
    static void restoreLogging() {
        Configurator.reconfigure();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ChordiaCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertOneUserError(String message) {
        String[] lines = err.toString().split("\n");
        assertThat(lines).as(err.toString()).hasSize(2);
        assertThat(lines[0]).startsWith("chordia: ").contains(message);
        assertThat(lines[1]).startsWith("  ");
        assertThat(err.toString()).doesNotContain("at io.chordia", "Exception");
    }

    @Test
    void portInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            assertThat(run("node", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir",
                    dir.resolve("a").toString())).isEqualTo(ErrorReporter.USER_ERROR);
            assertOneUserError("port " + port + " is in use on 127.0.0.1");
            assertThat(err.toString()).contains("--port");
        }
    }

    @Test
    void dataDirectoryNotWritable() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(run("node", "--data-dir", file.resolve("sub").toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("is not writable");
        assertThat(err.toString()).contains("--data-dir");
    }

    @Test
    void malformedOrUnknownBootstrapAddress() {
        assertThat(run("node", "--bootstrap", "1.2.3", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("malformed bootstrap address");
        err.getBuffer().setLength(0);
        assertThat(run("node", "--bootstrap", "no-such-host.invalid:4000", "--data-dir", dir.toString()))
                .isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("cannot resolve bootstrap host 'no-such-host.invalid'");
    }

    @Test
    void unknownProtocol() {
        assertThat(run("node", "--protocol", "pastry", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("unknown protocol 'pastry'");
    }

    @Test
    void daemonNotRunning() {
        assertThat(run("get", "alice.txt", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("no chordia node is running with data directory " + dir.toAbsolutePath());
        assertThat(err.toString()).contains("chordia node --data-dir");
    }

    @Test
    void daemonKilledLeavingItsPortFileBehind() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        Files.writeString(dir.resolve("control.port"), dead + "\n");
        Files.writeString(dir.resolve("control.secret"), "0123456789abcdef0123456789abcdef\n");
        assertThat(run("status", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("no chordia node is running");
    }

    @Test
    void malformedKey() {
        assertThat(run("get", "", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("malformed key");
        err.getBuffer().setLength(0);
        assertThat(run("put", "a\tb", "v", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertOneUserError("malformed key");
    }

    @Test
    void verboseAddsTheStackTrace() {
        assertThat(run("status", "--verbose", "--data-dir", dir.toString())).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err.toString()).contains("no chordia node is running").contains("at io.chordia");
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String command : new String[] {"node", "put", "get", "lookup", "status"}) {
            assertThat(run(command, "--help")).isZero();
        }
        assertThat(out.toString()).contains("--bootstrap", "--metrics-port", "SHA-1", "--json", "--style");
    }
}
