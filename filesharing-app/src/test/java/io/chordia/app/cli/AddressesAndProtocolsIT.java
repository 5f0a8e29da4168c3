package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.core.net.Address;
import io.chordia.core.net.HostKind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's commands together, as real processes: a bootstrap node and a node started with
 * their defaults meet (one protocol by default), and neither gives peers the wildcard address it
 * binds; a node started with the other protocol says so in one line; {@code --advertise} is what
 * a node gives peers.
 */
class AddressesAndProtocolsIT extends ProcessesFixture {
    private static final Pattern ADVERTISED = Pattern.compile("listening on udp \\S+, advertised as (\\S+);");

    private Daemon bootstrap(int port, String... more) throws Exception {
        String[] args = new String[more.length + 4];
        args[0] = "--port";
        args[1] = String.valueOf(port);
        args[2] = "--metrics-port";
        args[3] = "0";
        System.arraycopy(more, 0, args, 4, more.length);
        Daemon boot = cli.launch("bootstrap", work.resolve("boot-" + port), args);
        ChordiaProcesses.awaitTrue("the bootstrap node to listen (" + boot.log() + ")", () -> {
            assertThat(boot.process().isAlive()).as("bootstrap exited early:\n%s", boot.output()).isTrue();
            return boot.output().contains("listening on udp");
        });
        return boot;
    }

    private static Address advertisedBy(Daemon boot) {
        Matcher m = ADVERTISED.matcher(boot.output());
        assertThat(m.find()).as(boot.output()).isTrue();
        return Address.parse(m.group(1));
    }

    @Test
    void withTheirDefaultsABootstrapNodeAndANodeMeetAndAdvertiseReachableAddresses() throws Exception {
        int bootPort = ChordiaProcesses.freePort();
        Daemon boot = bootstrap(bootPort);
        Address bootAddress = advertisedBy(boot);
        assertThat(HostKind.of(bootAddress)).isNotEqualTo(HostKind.UNSPECIFIED);
        assertThat(bootAddress.port()).isEqualTo(bootPort);

        Daemon node = cli.startNode(work.resolve("node"), "--port", String.valueOf(ChordiaProcesses.freePort()),
                "--bootstrap", "127.0.0.1:" + bootPort);
        JsonNode status = cli.status(node);
        assertThat(status.get("protocol").asText()).isEqualTo("chord");
        assertThat(HostKind.of(Address.parse(status.get("address").asText()))).isNotEqualTo(HostKind.UNSPECIFIED);
        ChordiaProcesses.awaitEventually("the node has the bootstrap node in its leaf set", () ->
                cli.status(node).get("leafSet").toString().contains("@" + bootAddress + "\""));

        Daemon advertised = cli.startNode(work.resolve("advertised"), "--port", String.valueOf(ChordiaProcesses.freePort()),
                "--bootstrap", "127.0.0.1:" + bootPort, "--advertise", "198.51.100.7:4123");
        assertThat(cli.status(advertised).get("address").asText()).isEqualTo("198.51.100.7:4123");
        assertThat(advertised.logFile()).contains("advertising 198.51.100.7:4123 (--advertise)");
    }

    @Test
    void aNodeOfTheOtherProtocolSaysSoInOneLine() throws Exception {
        int kademliaPort = ChordiaProcesses.freePort();
        bootstrap(kademliaPort, "--protocol", "kademlia");
        Result chord = cli.run("node", "--data-dir", work.resolve("chord").toString(), "--port",
                String.valueOf(ChordiaProcesses.freePort()), "--bootstrap", "127.0.0.1:" + kademliaPort);
        assertThat(chord.exit()).isEqualTo(1);
        assertThat(chord.err()).contains("chordia: the node at 127.0.0.1:" + kademliaPort
                + " speaks kademlia; start with --protocol kademlia\n").doesNotContain("\tat ", "no bootstrap node answered");

        int chordPort = ChordiaProcesses.freePort();
        bootstrap(chordPort);
        Result kademlia = cli.run("node", "--data-dir", work.resolve("kademlia").toString(), "--port",
                String.valueOf(ChordiaProcesses.freePort()), "--protocol", "kademlia", "--bootstrap", "127.0.0.1:" + chordPort);
        assertThat(kademlia.exit()).isEqualTo(1);
        assertThat(kademlia.err()).contains("chordia: the node at 127.0.0.1:" + chordPort
                + " speaks chord; start with --protocol chord\n");
    }

    @Test
    void theWildcardCannotBeAdvertised() throws Exception {
        Result r = cli.run("node", "--data-dir", work.resolve("w").toString(), "--port",
                String.valueOf(ChordiaProcesses.freePort()), "--advertise", "0.0.0.0:4000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("chordia: --advertise 0.0.0.0:4000 is the wildcard address, which no peer can send to\n");
        Result b = cli.run("bootstrap", "--data-dir", work.resolve("b").toString(), "--port", "0", "--advertise", "[::]:4000");
        assertThat(b.exit()).as("bootstrap reports it as a usage error").isEqualTo(2);
        assertThat(b.err()).startsWith("chordia bootstrap: --advertise [::]:4000 is the wildcard address");
    }
}
