package io.chordia.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.control.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Round trips between lab hosts through {@code lab/udp-probe.py}: an echo on one host, numbered
 * datagrams 20 ms apart from another. What the lab's own test measures the relay with.
 */
final class UdpProbe {
    static final int PORT = 7000;

    /** What came back: the round trips of the datagrams answered, shortest first. */
    record Outcome(int sent, List<Double> rttMillis) {
        int received() {
            return rttMillis.size();
        }

        double median() {
            return rttMillis.get(rttMillis.size() / 2);
        }
    }

    private UdpProbe() {}

    /** Starts an echo on {@code host}'s address; it runs until its namespace is deleted or this JVM exits. */
    static Process startEcho(LabHost host) throws IOException {
        List<String> command = new ArrayList<>(host.launcher());
        command.addAll(List.of("python3", script(), "echo", host.address(), String.valueOf(PORT)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"echoing".equals(first)) {
            p.destroyForcibly();
            throw new IOException("the echo on " + host + " did not start: " + first);
        }
        return p;
    }

    /** Sends {@code count} datagrams from {@code from} to the echo on {@code to}. */
    static Outcome probe(LabHost from, LabHost to, int count) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(from.launcher());
        command.addAll(List.of("python3", script(), "probe", to.address(), String.valueOf(PORT), String.valueOf(count)));
        JsonNode r = Json.mapper().readTree(SystemCommands.run(command));
        List<Double> rtts = new ArrayList<>();
        r.get("rtt_ms").forEach(n -> rtts.add(n.asDouble()));
        return new Outcome(r.get("sent").asInt(), rtts);
    }

    private static String script() throws IOException {
        return LabNetwork.labDirectory().resolve("udp-probe.py").toString();
    }
}
