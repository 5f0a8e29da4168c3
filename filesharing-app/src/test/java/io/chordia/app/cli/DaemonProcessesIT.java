package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.control.Json;
import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The daemon as people run it: real processes of the built command on 127.0.0.1. A first node
 * (standing in for the bootstrap node) and three daemons; put through one, get through another;
 * kill -9 a daemon and read again; restart it on its data directory with the bootstrap gone: same
 * id, back in through its saved contacts; SIGTERM another, which hands its records over.
 */
class DaemonProcessesIT extends ProcessesFixture {
    private JsonNode status(Daemon d) throws Exception {
        return cli.status(d);
    }

    private Result get(Daemon via, String key) throws Exception {
        return cli.run("get", key, "--data-dir", via.dataDir().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chord", "kademlia"})
    void putGetKillRestartAndLeave(String protocol) throws Exception {
        int bootPort = ChordiaProcesses.freePort();
        int metricsPort = ChordiaProcesses.freePort();
        Path config = Files.writeString(work.resolve("boot.properties"), "protocol = " + protocol
                + "\nport = " + bootPort + "\nmetrics-port = " + metricsPort + "\n");
        Daemon boot = cli.startNode(work.resolve("boot"), "--config", config.toString());
        Result twice = cli.run("node", "--data-dir", boot.dataDir().toString(), "--port",
                String.valueOf(ChordiaProcesses.freePort()));
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).startsWith("chordia: another chordia node is using the data directory");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(boot.dataDir().resolve("control.secret"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(boot.dataDir().resolve("identity.key"))))
                .isEqualTo("rw-------");
        String bootstrap = "localhost:" + bootPort; // a name: the command line resolves it
        List<Daemon> daemons = new java.util.ArrayList<>();
        int[] ports = new int[3];
        for (int i = 0; i < 3; i++) {
            ports[i] = ChordiaProcesses.freePort();
            daemons.add(cli.launchNode(work.resolve("d" + i), "--protocol", protocol, "--port", String.valueOf(ports[i]),
                    "--bootstrap", bootstrap));
        }
        for (Daemon d : daemons) {
            cli.awaitServing(d);
        }
        cli.awaitAcquainted(List.of(boot, daemons.get(0), daemons.get(1), daemons.get(2)));
        // The terminal shows the banner once; the story goes to the log file in the data directory.
        assertThat(boot.output().lines().filter(l -> l.contains("joined via")).count()).as(boot.output()).isEqualTo(1);
        assertThat(boot.output()).doesNotContain(" INFO ");
        ChordiaProcesses.awaitEventually("the log tells the leaf set", () -> boot.logFile().contains("leaf set"));
        assertThat(boot.logFile()).contains("serving on").contains("joined via");
        // The dashboard link holds the control secret: on the terminal once, never in the log.
        String secret = Files.readString(boot.dataDir().resolve("control.secret")).strip();
        assertThat(boot.output().lines().filter(l -> l.contains("dashboard http://127.0.0.1:")
                && l.endsWith("/#secret=" + secret)).count()).as(boot.output()).isEqualTo(1);
        assertThat(boot.logFile()).doesNotContain(secret);
        JsonNode guard = status(daemons.get(0)).get("guard");
        assertThat(guard.get("verifiedPeers").asInt()).as("peers that answered this node: %s", guard).isGreaterThanOrEqualTo(3);
        // A reply is held while the answer to our own call to its asker is on its way (the answer verifies the asker
        // and releases it); what must not happen is a reply held for good.
        ChordiaProcesses.awaitEventually("nothing stays held once everyone answered", () ->
                status(daemons.get(0)).get("guard").get("heldNow").asInt() == 0);

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        // Only this machine by default: not on the node's other addresses.
        assertThat(boot.output()).contains("metrics on http://127.0.0.1:" + metricsPort + "/metrics");
        for (InetAddress other : nonLoopbackAddresses()) {
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress(other, metricsPort), 2000))
                        .as("metrics reachable on %s", other).isInstanceOf(IOException.class);
            }
        }
        assertThat(metrics.body()).contains("# TYPE chordia_datagrams_received_total counter")
                .containsPattern("(?m)^chordia_node_info\\{node=\"[0-9a-f]{40}\",protocol=\"" + protocol + "\",role=\"node\"\\} 1")
                .containsPattern("(?m)^chordia_routing_contacts 3(\\.0)?$")
                .contains("jvm_threads_current");

        Result put = cli.run("put", "alice.txt", "Alice's notes", "--data-dir", daemons.get(0).dataDir().toString());
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.out()).startsWith("stored ").contains(" on 3 of 3 replicas: ");
        Result got = get(daemons.get(1), "alice.txt");
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(got.out()).isEqualTo("Alice's notes\n");
        // A value too large for a datagram travels over TCP between the daemons.
        String large = "0123456789abcdef".repeat(3_000);
        Result putLarge = cli.run("put", "large", large, "--data-dir", daemons.get(1).dataDir().toString());
        assertThat(putLarge.exit()).as(putLarge.err()).isZero();
        Result gotLarge = get(daemons.get(0), "large");
        assertThat(gotLarge.exit()).as(gotLarge.err()).isZero();
        assertThat(gotLarge.out()).isEqualTo(large + "\n");
        Result missing = get(daemons.get(1), "nobody-stored-this");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("not found: nobody-stored-this");
        Result lookup = cli.run("lookup", "alice.txt", "--data-dir", daemons.get(2).dataDir().toString());
        assertThat(lookup.exit()).as(lookup.err()).isZero();
        assertThat(lookup.out()).contains("owner ", "hops ");

        // kill -9 a daemon once it has saved its contacts: the others still serve the value.
        Daemon victim = daemons.get(2);
        String victimId = status(victim).get("nodeId").asText();
        ChordiaProcesses.awaitEventually("the victim saved its contacts", () ->
                status(victim).get("savedContacts").asInt() >= 3);
        victim.process().destroyForcibly();
        assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        Result afterKill = get(daemons.get(1), "alice.txt");
        assertThat(afterKill.exit()).as(afterKill.err()).isZero();
        assertThat(afterKill.out()).isEqualTo("Alice's notes\n");
        Result dead = cli.run("status", "--data-dir", victim.dataDir().toString());
        assertThat(dead.exit()).isEqualTo(1);
        assertThat(dead.err()).startsWith("chordia: no chordia node is running");

        // Restart it on its data directory, with the bootstrap address now dead: same id, warm rejoin.
        Daemon again = cli.startNode(victim.dataDir(), "--protocol", protocol, "--port", String.valueOf(ports[2]),
                "--bootstrap", "127.0.0.1:" + ChordiaProcesses.freePort());
        JsonNode restarted = status(again);
        assertThat(restarted.get("nodeId").asText()).isEqualTo(victimId);
        assertThat(restarted.get("joinedVia").asText()).isEqualTo("saved contacts");
        Result viaRestarted = get(again, "alice.txt");
        assertThat(viaRestarted.exit()).as(viaRestarted.err()).isZero();
        assertThat(viaRestarted.out()).isEqualTo("Alice's notes\n");

        // SIGTERM: a graceful leave that hands the records over and removes the control port file.
        Daemon leaver = daemons.get(0);
        leaver.process().destroy();
        assertThat(leaver.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(leaver.output()).contains("left the network");
        assertThat(leaver.dataDir().resolve("control.port")).doesNotExist();
        assertThat(leaver.dataDir().resolve("contacts.txt")).exists();
        Result afterLeave = get(daemons.get(1), "alice.txt");
        assertThat(afterLeave.exit()).as(afterLeave.err()).isZero();
        assertThat(afterLeave.out()).isEqualTo("Alice's notes\n");
        assertThat(Files.readString(leaver.dataDir().resolve("logs").resolve("chordia.log"))).contains("left the network");
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).toList();
    }

    @Test
    void anUnreachableBootstrapIsOneLineAndExitOne() throws Exception {
        Result r = cli.run("node", "--data-dir", work.resolve("lonely").toString(), "--port",
                String.valueOf(ChordiaProcesses.freePort()), "--bootstrap", "127.0.0.1:" + ChordiaProcesses.freePort());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("chordia: could not join: no bootstrap node answered at [127.0.0.1:")
                .contains("leave out --bootstrap").doesNotContain("\tat ", "Exception");
    }
}
