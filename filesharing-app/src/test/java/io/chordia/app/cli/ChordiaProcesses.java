package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real processes of the built command line ({@code target/chordia.jar} + {@code target/lib/*},
 * which failsafe runs after {@code package}): daemons in the background with their output in
 * files, client commands run to completion. Every process started is killed by {@link #close()}.
 */
final class ChordiaProcesses implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    /** A client command's outcome. */
    record Result(int exit, String out, String err) {}

    /** A daemon: its process and where its output goes. */
    record Daemon(Process process, Path dataDir, Path log) {
        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }
    }

    private final Path work;
    private final List<Process> started = new ArrayList<>();
    private int outputs;

    ChordiaProcesses(Path work) {
        this.work = work;
    }

    private static List<String> java(List<String> args) {
        Path target = Path.of("target").toAbsolutePath();
        assertThat(target.resolve("chordia.jar")).as("run 'mvn package' first").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small, quick-starting JVMs: five of them share two cores in CI.
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", target.resolve("chordia.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*",
                "io.chordia.app.cli.ChordiaCommand"));
        command.addAll(args);
        return command;
    }

    /** Starts {@code chordia node ...} and waits until it prints that it serves. */
    Daemon startNode(Path dataDir, String... args) throws Exception {
        Daemon d = launchNode(dataDir, args);
        awaitServing(d);
        return d;
    }

    /** Starts {@code chordia node ...} without waiting. */
    Daemon launchNode(Path dataDir, String... args) throws IOException {
        return launch("node", dataDir, args);
    }

    /** Starts the long-running {@code chordia <command> --data-dir DIR ...} without waiting. */
    Daemon launch(String command, Path dataDir, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(command, "--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        Path output = work.resolve("node-" + (++outputs) + ".log");
        Process p = new ProcessBuilder(java(all)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(p);
        return new Daemon(p, dataDir, output);
    }

    void awaitServing(Daemon d) throws Exception {
        awaitTrue("the node in " + d.dataDir() + " to serve (its output: " + d.log() + ")", () -> {
            assertThat(d.process().isAlive()).as("node exited early:\n%s", d.output()).isTrue();
            return d.output().lines().anyMatch(l -> l.startsWith("node ") && l.contains("joined via"));
        });
    }

    /** Runs a client command to completion (killed after the deadline). */
    Result run(String... args) throws Exception {
        Path out = work.resolve("cmd-" + (++outputs) + ".out");
        Path err = work.resolve("cmd-" + outputs + ".err");
        Process p = new ProcessBuilder(java(List.of(args))).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(p);
        if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("'chordia " + String.join(" ", args) + "' did not finish within " + DEADLINE);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** {@code chordia status --json} of a running daemon. */
    com.fasterxml.jackson.databind.JsonNode status(Daemon d) throws Exception {
        Result r = run("status", "--json", "--data-dir", d.dataDir().toString());
        assertThat(r.exit()).as("status of %s: %s%s", d.dataDir(), r.err(), d.output()).isZero();
        return io.chordia.app.control.Json.mapper().readTree(r.out());
    }

    /** A condition that may throw while the processes settle. */
    interface Check {
        boolean get() throws Exception;
    }

    /** Polls {@code condition} until it holds; a throw (or failed assertion) counts as "not yet". */
    static void awaitEventually(String what, Check condition) throws InterruptedException {
        awaitTrue(what, () -> {
            try {
                return condition.get();
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }

    /** Polls {@code condition} until it holds or the deadline passes: no fixed sleeps. */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /** A UDP port free on 127.0.0.1 right now. */
    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
