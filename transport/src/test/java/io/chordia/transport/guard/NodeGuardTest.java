package io.chordia.transport.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.Response;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.KryoWireCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's guard ({@link GuardLimits#node}): factor 1, replies held until the asker is verified, contacts as they are. */
class NodeGuardTest {
    private static final Address LOCAL = new Address("192.0.2.1", 4000);
    private static final Contact SELF = new Contact(NodeId.sha1Of("node"), LOCAL);
    private static final Address STRANGER = new Address("198.51.100.7", 5000);
    private static final Contact STRANGER_CONTACT = new Contact(NodeId.sha1Of("stranger"), STRANGER);

    private final KryoWireCodec codec = new KryoWireCodec(1232);
    private final RecordingTransport wire = new RecordingTransport(LOCAL);
    private final VerifiedPeers verified = new VerifiedPeers(1000);
    private final GuardedTransport guarded = new GuardedTransport(wire, SELF, verified, codec::encodedSize,
            GuardLimits.node(1024));
    private Response answer;

    NodeGuardTest() {
        guarded.onReceive((envelope, source) -> {
            if (envelope.isRequest()) {
                guarded.send(new Envelope(envelope.txId(), SELF, source, answer));
            }
        });
    }

    private static List<Contact> peers(int n) {
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Contact(NodeId.sha1Of("peer" + i), new Address("203.0.113." + (i + 1), 4000 + i)));
        }
        return out;
    }

    @Test
    void aReplyLargerThanTheRequestWaitsForTheAskerToAnswerOurPingThenGoesOutWhole() {
        List<Contact> unverifiedTwenty = peers(20);
        answer = new Nodes(unverifiedTwenty);
        Envelope request = new Envelope(7, STRANGER_CONTACT, LOCAL, new FindNode(NodeId.sha1Of("x"), 20));

        // What the daemon's prober does: ping every unverified asker.
        guarded.onUnverifiedRequest(asker -> guarded.send(new Envelope(100, SELF, asker, new Ping())));

        wire.deliver(request, STRANGER);
        assertThat(wire.sent).as("our ping first, the reply held, not cut").hasSize(1)
                .allMatch(e -> e.body() instanceof Ping);
        assertThat(guarded.heldReplies()).isEqualTo(1);

        wire.deliver(new Envelope(100, STRANGER_CONTACT, LOCAL, new Pong(STRANGER)), STRANGER);

        assertThat(wire.sent).hasSize(2);
        assertThat(((Nodes) wire.sent.get(1).body()).contacts()).as("whole, unverified contacts included")
                .isEqualTo(unverifiedTwenty);
        assertThat(guarded.heldReplies()).isZero();
        assertThat(guarded.repliesHeld()).isEqualTo(1);
        assertThat(guarded.repliesTrimmed()).isZero();
    }

    @Test
    void aSpoofedSourceThatNeverAnswersGetsAtMostTheBytesItSentAndItsHeldEnvelopesStayBounded() {
        answer = new Nodes(peers(20));
        long received = 0;
        for (int i = 0; i < 100; i++) {
            Envelope request = new Envelope(i, STRANGER_CONTACT, LOCAL, new FindNode(NodeId.sha1Of("x" + i), 20));
            received += codec.encode(request).length;
            wire.deliver(request, STRANGER);
            if (guarded.canAfford(STRANGER, new Ping())) {
                guarded.send(new Envelope(1000 + i, SELF, STRANGER, new Ping()));
            }
        }
        long sent = wire.sent.stream().mapToLong(e -> codec.encode(e).length).sum();

        // Held replies spend nothing, so the budget grows until a whole reply fits: still no more than was sent to us.
        assertThat(wire.sent).isNotEmpty();
        assertThat(sent).isLessThanOrEqualTo(received);
        assertThat(guarded.heldReplies()).isEqualTo(HeldEnvelopes.PER_ADDRESS);

        for (int i = 0; i < 300; i++) {
            Address spoofed = new Address("198.51.100." + (i % 250 + 1), 6000 + i);
            wire.deliver(new Envelope(5000 + i, new Contact(NodeId.sha1Of("s" + i), spoofed), LOCAL,
                    new FindNode(NodeId.sha1Of("y"), 20)), spoofed);
        }
        assertThat(guarded.heldReplies()).isEqualTo(GuardLimits.node(1024).maxHeldEnvelopes());
    }
}
