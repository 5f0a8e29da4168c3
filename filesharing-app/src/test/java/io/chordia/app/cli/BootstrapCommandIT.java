package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.KryoWireCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chordia bootstrap} as a real process: it serves, reports health and metrics, and SIGTERM stops it. */
class BootstrapCommandIT {
    private static final Pattern READY = Pattern.compile(
            "node ([0-9a-f]{40}) \\(chord\\) listening on udp 127\\.0\\.0\\.1:(\\d+), advertised as 127\\.0\\.0\\.1:\\d+; .* http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChordiaCommand.class.getName(), "bootstrap"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        processes.add(p);
        return p;
    }

    /** The lines the process prints, read on a thread of their own so waiting has a deadline. */
    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.add(line);
                }
            } catch (IOException e) {
                out.add("(read failed: " + e + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
        return out;
    }

    private Matcher awaitReady(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
        }
        throw new AssertionError("no ready line within 60 s; got " + seen);
    }

    @Test
    void servesReportsAndStopsOnSigterm() throws Exception {
        Process p = start("--host", "127.0.0.1", "--port", "0", "--metrics-port", "0", "--data-dir", dataDir.toString());
        BlockingQueue<String> lines = lines(p);
        Matcher ready = awaitReady(lines);
        int udpPort = Integer.parseInt(ready.group(2));
        int metricsPort = Integer.parseInt(ready.group(3));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");

        assertThat(pingAnswered(udpPort)).as("a Pong to our Ping").isTrue();

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        // The names a daemon uses where they mean the same, the bootstrap node's own under chordia_bootstrap_.
        assertThat(metrics.body()).contains("# TYPE chordia_datagrams_received_total counter")
                .containsPattern("(?m)^chordia_datagrams_received_total [1-9]")
                .containsPattern("(?m)^chordia_node_info\\{node=\"[0-9a-f]{40}\",protocol=\"chord\",role=\"bootstrap\"\\} 1")
                .contains("chordia_bootstrap_rate_limited_total{scope=\"source\"}")
                .contains("jvm_memory_used_bytes{area=\"heap\"}")
                .contains("process_cpu_seconds_total");

        p.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its output
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
        assertThat(drain(lines)).contains("chordia bootstrap: stopped");

        String id = ready.group(1);
        assertThat(Files.readString(dataDir.resolve("bootstrap-node-id")).trim()).isEqualTo(id);
        Process again = start("--host", "127.0.0.1", "--port", "0", "--metrics-port", "0", "--data-dir", dataDir.toString());
        assertThat(awaitReady(lines(again)).group(1)).as("the same id after a restart").isEqualTo(id);
        again.destroy();
        assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPortInUseIsOneLineAndAUsageError() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            Process p = start("--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()), "--metrics-port", "0",
                    "--data-dir", dataDir.toString());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isEqualTo(2);
            assertThat(err).isEqualTo("chordia bootstrap: UDP port " + taken.getLocalPort() + " is in use on 127.0.0.1;"
                    + " pick another with --port (see 'chordia bootstrap --help')\n");
        }
    }

    private static boolean pingAnswered(int port) throws IOException {
        KryoWireCodec codec = new KryoWireCodec(1232);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(1000);
            Address self = new Address("127.0.0.1", socket.getLocalPort());
            Address to = new Address("127.0.0.1", port);
            byte[] ping = codec.encode(new Envelope(42, new Contact(NodeId.sha1Of("it"), self), to, new Ping()));
            byte[] buf = new byte[1233];
            for (int attempt = 0; attempt < 10; attempt++) {
                socket.send(new DatagramPacket(ping, ping.length, InetAddress.getByName("127.0.0.1"), port));
                try {
                    while (true) {
                        DatagramPacket in = new DatagramPacket(buf, buf.length);
                        socket.receive(in);
                        Envelope e = codec.decode(in.getData(), 0, in.getLength(), self);
                        if (e.txId() == 42 && e.body() instanceof Pong) {
                            return true;
                        }
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // lost: send again
                } catch (io.chordia.core.transport.MalformedMessageException e) {
                    throw new AssertionError(e);
                }
            }
            return false;
        }
    }

    private static List<String> drain(BlockingQueue<String> lines) throws InterruptedException {
        List<String> out = new ArrayList<>();
        String line;
        while ((line = lines.poll(5, TimeUnit.SECONDS)) != null) {
            out.add(line);
        }
        return out;
    }
}
