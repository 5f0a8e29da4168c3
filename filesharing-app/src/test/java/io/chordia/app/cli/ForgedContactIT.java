package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Notify;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.KryoWireCodec;
import java.math.BigInteger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One forged datagram (a Chord notify from a made-up sender that sits just before the node on
 * the ring) neither makes the sender the node's predecessor (it must answer first) nor gets it
 * saved for the warm restart (a contact is saved only once it has answered this node). Both
 * rules once failed: the sender became the predecessor until it failed to answer, and a node
 * that saved its contacts meanwhile kept it in {@code contacts.txt}.
 */
class ForgedContactIT extends ProcessesFixture {
    @Test
    void aForgedSenderInTheRingIsNotSaved() throws Exception {
        int port = ChordiaProcesses.freePort();
        Daemon first = cli.startNode(work.resolve("first"), "--port", String.valueOf(port));
        Daemon second = cli.startNode(work.resolve("second"), "--port", String.valueOf(ChordiaProcesses.freePort()),
                "--bootstrap", "127.0.0.1:" + port);
        String secondId = cli.status(second).get("nodeId").asText();
        ChordiaProcesses.awaitEventually("the two nodes form a ring", () ->
                cli.status(first).get("leafSet").toString().contains(secondId.substring(0, 8)));

        NodeId firstId = NodeId.fromHex(cli.status(first).get("nodeId").asText());
        NodeId forgedId = NodeId.fromBigInteger(firstId.toBigInteger().subtract(BigInteger.ONE)
                .mod(BigInteger.ONE.shiftLeft(NodeId.BITS)));
        Contact forged = new Contact(forgedId, new Address("127.0.0.1", ChordiaProcesses.freePort()));
        byte[] datagram = new KryoWireCodec(1232).encode(new Envelope(7, forged, new Address("127.0.0.1", port), new Notify()));
        long timeoutsBefore = cli.status(first).get("traffic").get("rpcTimeouts").asLong();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
        // The node asks the notifier before it adopts it; the forged address never answers.
        ChordiaProcesses.awaitEventually("the first node asked the forged sender in vain", () ->
                cli.status(first).get("traffic").get("rpcTimeouts").asLong() > timeoutsBefore);
        assertThat(cli.status(first).get("leafSet").toString()).as("never adopted")
                .doesNotContain(forgedId.shortId());

        first.process().destroy(); // SIGTERM: the contacts are saved on the way out
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        String saved = Files.readString(first.dataDir().resolve("contacts.txt"));
        assertThat(saved).contains(secondId).doesNotContain(forgedId.toHex());
    }
}
