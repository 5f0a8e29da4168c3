package io.chordia.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.control.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The test's handle on {@code lab/relay.py}, running in the router namespace on its TUN device:
 * sets link profiles and partitions, reads the counters. Each command waits for the relay's
 * answer, so when a method returns, the relay applies the change to the next packet.
 * Thread-safe (one command at a time).
 */
public final class LabRelay implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    private final Path log;

    private LabRelay(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the relay on a new TUN device {@code tun} in {@code router}; returns once the device exists. */
    static LabRelay start(String router, String tun, long seed, Path script, Path log) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", router, "python3", script.toString(), "--tun", tun,
                "--seed", String.valueOf(seed)).redirectError(log.toFile()).start();
        LabRelay relay = new LabRelay(p, log);
        String first = relay.answers.readLine();
        if (first == null || !first.equals("ready " + tun)) {
            relay.close();
            throw new IOException("the relay did not start (" + script + "): " + SystemCommands.oneLine(relay.errors()));
        }
        return relay;
    }

    /** Every host's link from now on. */
    public void linkAll(LinkProfile profile) throws IOException {
        command("link * " + profile.relayArguments());
    }

    /** One host's link (the packets it sends). */
    public void link(LabHost host, LinkProfile profile) throws IOException {
        command("link " + host.number() + " " + profile.relayArguments());
    }

    /** Packets between hosts of different groups are dropped from now on; hosts in no group form one more group. */
    @SafeVarargs
    public final void partition(Set<Integer>... groups) throws IOException {
        List<String> words = new ArrayList<>();
        for (Set<Integer> group : groups) {
            words.add(new TreeSet<>(group).stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        command("partition " + String.join(" ", words));
    }

    /** Every host reaches every other again. */
    public void heal() throws IOException {
        command("heal");
    }

    /** The counters: forwarded, lost, partitioned, foreign, queued, and per pair "A>B": [forwarded, lost, partitioned]. */
    public JsonNode stats() throws IOException {
        return Json.mapper().readTree(command("stats"));
    }

    /** Packets from {@code from} to {@code to} so far: [forwarded, lost, partitioned]. */
    public long[] pair(LabHost from, LabHost to) throws IOException {
        JsonNode p = stats().get("pairs").get(from.number() + ">" + to.number());
        return p == null ? new long[3] : new long[] {p.get(0).asLong(), p.get(1).asLong(), p.get(2).asLong()};
    }

    private synchronized String command(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
        String answer = answers.readLine();
        if (answer == null) {
            throw new IOException("the relay exited during '" + line + "': " + SystemCommands.oneLine(errors()));
        }
        if (!answer.startsWith("ok")) {
            throw new IllegalArgumentException("relay: '" + line + "': " + answer);
        }
        return answer.substring(2).strip();
    }

    private String errors() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the relay; its TUN device goes with it, and the router then drops what the hosts send. */
    @Override
    public void close() {
        try {
            commands.close(); // end of input: the relay exits
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
