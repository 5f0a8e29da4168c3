package io.chordia.app.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordia.app.control.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One test peer process (a driver in {@code interop/}) on 127.0.0.1: send it a command, get its
 * JSON answer. A command that fails, times out or finds the process gone fails with the driver's
 * error and the end of its stderr.
 */
public final class InteropPeer implements AutoCloseable {
    /** Longer than a driver's own 10-s command timeout, so the driver's error arrives first. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
    /** Joining is a ping per bootstrap node and a lookup, each with the drivers' 10-s timeout. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    private static final String END = "\u0000end";
    private static final int STDERR_TAIL_CHARS = 2000;

    private final PeerKind kind;
    private final int port;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final String nodeId;

    private InteropPeer(PeerKind kind, int port, Process process, Path stderr) throws IOException {
        this.kind = kind;
        this.port = port;
        this.process = process;
        this.stderr = stderr;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, kind + "-" + port + "-stdout");
        reader.setDaemon(true);
        reader.start();
        JsonNode ready = next("start", START_TIMEOUT);
        if (!ready.path("ready").asBoolean()) {
            AssertionError failure = failure("did not start: " + ready.path("error").asText(ready.toString()));
            close();
            throw failure;
        }
        this.nodeId = ready.path("id").asText();
    }

    /** Starts a {@code kind} peer on 127.0.0.1:{@code port}; returns once it has joined through {@code bootstrap} ("host:port"). */
    public static InteropPeer start(PeerKind kind, int port, List<String> bootstrap) throws IOException {
        Path stderr = Files.createTempFile("chordia-interop-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-", ".log");
        Process process = new ProcessBuilder(kind.command(InteropPeers.dir(), port, bootstrap))
                .redirectError(stderr.toFile()).start();
        return new InteropPeer(kind, port, process, stderr);
    }

    public PeerKind kind() {
        return kind;
    }

    /** The DHT port, "127.0.0.1:port". */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The peer's node id, 40 hex digits. */
    public String nodeId() {
        return nodeId;
    }

    /**
     * Sends {@code {"cmd": cmd, key: value, ...}} and returns the answer; fails unless it is {@code "ok": true}.
     *
     * @param keyValues alternating keys and values (strings or numbers)
     */
    public JsonNode ask(String cmd, Object... keyValues) {
        ObjectNode command = Json.mapper().createObjectNode().put("cmd", cmd);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            command.set(String.valueOf(keyValues[i]), Json.mapper().valueToTree(keyValues[i + 1]));
        }
        String line = command.toString();
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw failure("'" + line + "' not sent (" + e.getMessage() + ")");
        }
        JsonNode answer = next(line, ANSWER_TIMEOUT);
        if (!answer.path("ok").asBoolean()) {
            throw failure("'" + line + "' failed: " + answer.path("error").asText(answer.toString()));
        }
        return answer;
    }

    private JsonNode next(String waitingFor, Duration timeout) {
        String line;
        try {
            line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted waiting for " + waitingFor);
        }
        if (line == null) {
            throw failure("no answer to '" + waitingFor + "' in " + timeout.toSeconds() + " s");
        }
        if (line.equals(END)) {
            throw failure("exited (" + exitStatus() + ") while waiting for '" + waitingFor + "'");
        }
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw failure("answered '" + waitingFor + "' with something not JSON: " + line);
        }
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process went away: the END below tells the waiting command
        }
        answers.add(END);
    }

    /** The exit code, or the signal that ended the driver (a crash in the peer's native code says nothing on stderr). */
    private String exitStatus() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                return "stdout closed, still running";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        int code = process.exitValue();
        return code > 128 ? "exit code " + code + ", signal " + (code - 128) : "exit code " + code;
    }

    private AssertionError failure(String what) {
        return new AssertionError(kind + " peer on " + address() + " " + what + "; its stderr: " + stderrTail());
    }

    private String stderrTail() {
        try {
            String text = Files.readString(stderr).strip();
            return text.isEmpty() ? "(empty)" : text.substring(Math.max(0, text.length() - STDERR_TAIL_CHARS));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the driver to quit, then ends the process if it does not. */
    @Override
    public void close() {
        try {
            commands.write("{\"cmd\":\"quit\"}\n");
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(stderr);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a temp file left behind
        }
    }

    /** The ids in a driver's {@code nodes} answer (find_node, table). */
    static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    /** A JSON array of strings, e.g. a get_peers answer's {@code peers}. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
