package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
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
 * A launcher prefix (such as {@code ip netns exec NS}) runs them all somewhere else: the
 * multi-host lab ({@code io.chordia.app.lab}) runs one of these per host.
 */
public final class ChordiaProcesses implements AutoCloseable {
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    /** A client command's outcome. */
    public record Result(int exit, String out, String err) {}

    /** A daemon: its process and where its output goes. */
    public record Daemon(Process process, Path dataDir, Path log) {
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        /** What the daemon wrote to {@code logs/chordia.log} in its data directory (its story at info). */
        public String logFile() {
            try {
                return Files.readString(dataDir.resolve("logs").resolve("chordia.log"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log file: " + e + ")";
            }
        }
    }

    private final Path work;
    private final List<String> launcher;
    private final List<Process> started = new ArrayList<>();
    private int outputs;

    public ChordiaProcesses(Path work) {
        this(work, List.of());
    }

    /** Processes whose command lines start with {@code launcher} (empty: run directly). */
    public ChordiaProcesses(Path work, List<String> launcher) {
        this.work = work;
        this.launcher = List.copyOf(launcher);
    }

    private List<String> java(List<String> args) {
        return java(ChordiaCommand.class.getName(), List.of(), args);
    }

    private List<String> java(String mainClass, List<String> extraClasspath, List<String> args) {
        Path target = Path.of("target").toAbsolutePath();
        assertThat(target.resolve("chordia.jar")).as("run 'mvn package' first").exists();
        List<String> classpath = new ArrayList<>(List.of(target.resolve("chordia.jar").toString(),
                target.resolve("lib") + File.separator + "*"));
        classpath.addAll(extraClasspath);
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small, quick-starting JVMs: five of them share two cores in CI.
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", String.join(File.pathSeparator, classpath), mainClass));
        command.addAll(args);
        return command;
    }

    /** Starts {@code chordia node ...} and waits until it prints that it serves. */
    public Daemon startNode(Path dataDir, String... args) throws Exception {
        Daemon d = launchNode(dataDir, args);
        awaitServing(d);
        return d;
    }

    /** Starts {@code chordia node ...} without waiting. */
    public Daemon launchNode(Path dataDir, String... args) throws IOException {
        return launch("node", dataDir, args);
    }

    /** Starts the long-running {@code chordia <command> --data-dir DIR ...} without waiting. */
    public Daemon launch(String command, Path dataDir, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(command, "--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        Path output = work.resolve("node-" + (++outputs) + ".log");
        Process p = new ProcessBuilder(java(all)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(p);
        return new Daemon(p, dataDir, output);
    }

    public void awaitServing(Daemon d) throws Exception {
        awaitTrue("the node in " + d.dataDir() + " to serve (its output: " + d.log() + ")", () -> {
            assertThat(d.process().isAlive()).as("node exited early:\n%s", d.output()).isTrue();
            return d.output().lines().anyMatch(l -> l.startsWith("node ") && l.contains("joined via"));
        });
    }

    /** Runs a client command to completion (killed after the deadline). */
    public Result run(String... args) throws Exception {
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

    /** A client command left running, for tests that interrupt it. */
    public record Client(Process process, Path out, Path err) {
        /** Waits for it to exit (killed after the deadline) and returns how it went. */
        public Result await() throws Exception {
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the client did not finish within " + DEADLINE + ": " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    /** Starts a client command without waiting for it. */
    public Client launchClient(String... args) throws IOException {
        Path out = work.resolve("cmd-" + (++outputs) + ".out");
        Path err = work.resolve("cmd-" + outputs + ".err");
        List<String> command = new ArrayList<>();
        if (interruptIgnored()) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(java(List.of(args)));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(p);
        return new Client(p, out, err);
    }

    /**
     * Whether this JVM was started with SIGINT ignored, as everything started in the background of a
     * non-interactive shell is (a build run with {@code cmd &} from a script): a JVM that inherits
     * that installs no handler, so a client would never see its Ctrl-C. Launched clients then get
     * the default action back ({@code env --default-signal}, GNU coreutils 8.31+), as on a terminal.
     * Linux only: elsewhere, false.
     */
    static boolean interruptIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (2 - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no way to tell, and no such build there
        }
        return false;
    }

    /** Sends {@code signal} (INT, STOP, CONT...) to {@code p}, as a user's Ctrl-C or a debugger would. */
    public static void signal(Process p, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start().waitFor())
                .as("kill -%s %s", signal, p.pid()).isZero();
    }

    /** Starts a {@link CommandLoop}: client commands without a JVM start each; its stderr goes to a file. */
    public ResidentCli startResidentCli() throws IOException {
        Path err = work.resolve("resident-" + (++outputs) + ".err");
        Process p = new ProcessBuilder(java(CommandLoop.class.getName(),
                List.of(Path.of("target", "test-classes").toAbsolutePath().toString()), List.of()))
                .redirectError(err.toFile()).start();
        started.add(p);
        return new ResidentCli(p);
    }

    /** {@code chordia status --json} of a running daemon. */
    public com.fasterxml.jackson.databind.JsonNode status(Daemon d) throws Exception {
        Result r = run("status", "--json", "--data-dir", d.dataDir().toString());
        assertThat(r.exit()).as("status of %s: %s%s", d.dataDir(), r.err(), d.output()).isZero();
        return io.chordia.app.control.Json.mapper().readTree(r.out());
    }

    /** A condition that may throw while the processes settle. */
    public interface Check {
        boolean get() throws Exception;
    }

    /** Waits until each of {@code daemons} holds all the others in its leaf set: a settled ring, before a test relies on who owns what. */
    public void awaitAcquainted(List<Daemon> daemons) throws InterruptedException {
        for (Daemon d : daemons) {
            awaitEventually("every node knows the other " + (daemons.size() - 1), () ->
                    status(d).get("leafSet").size() >= daemons.size() - 1);
        }
    }

    /** Polls {@code condition} until it holds; a throw (or failed assertion) counts as "not yet". */
    public static void awaitEventually(String what, Check condition) throws InterruptedException {
        awaitTrue(what, () -> {
            try {
                return condition.get();
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }

    /** Polls {@code condition} until it holds or the deadline passes: no fixed sleeps. */
    public static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /** A port free for UDP and TCP, from below the ephemeral range ({@link TestPorts}). */
    public static int freePort() throws IOException {
        return TestPorts.next();
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
