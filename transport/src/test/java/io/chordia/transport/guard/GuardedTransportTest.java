package io.chordia.transport.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.KryoWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The amplification rule and the verified-contacts-only rule, on a recording transport. */
class GuardedTransportTest {
    /** The bootstrap node's: replies cut to 3x, verified contacts only (BootstrapLimits.guard()). */
    static final GuardLimits BOOTSTRAP = new GuardLimits(3, 16_384, 4096, 2048, 0, true, 256, Duration.ofMinutes(1));
    private static final Address LOCAL = new Address("192.0.2.1", 4000);
    private static final Contact SELF = new Contact(NodeId.sha1Of("bootstrap"), LOCAL);
    private static final Address STRANGER = new Address("198.51.100.7", 5000);
    private static final Contact STRANGER_CONTACT = new Contact(NodeId.sha1Of("stranger"), STRANGER);

    private final KryoWireCodec codec = new KryoWireCodec(1232);
    private final RecordingTransport wire = new RecordingTransport(LOCAL);
    private final VerifiedPeers verified = new VerifiedPeers(1000);
    private final GuardedTransport guarded = new GuardedTransport(wire, SELF, verified, codec::encodedSize,
            BOOTSTRAP);
    private final List<Address> unverifiedRequesters = new ArrayList<>();
    private final List<Address> withheld = new ArrayList<>();
    /** What the node behind the guard answers to every request. */
    private Object answer;

    GuardedTransportTest() {
        guarded.onUnverifiedRequest(unverifiedRequesters::add);
        guarded.onWithheldContact(withheld::add);
        guarded.onReceive((envelope, source) -> {
            if (envelope.isRequest()) {
                guarded.send(new Envelope(envelope.txId(), SELF, source, (io.chordia.core.message.Response) answer));
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

    /** Each peer answers a ping we send it, as the id it has. */
    private void verify(List<Contact> contacts) {
        long txId = 1000;
        for (Contact c : contacts) {
            guarded.send(new Envelope(++txId, SELF, c.address(), new Ping()));
            wire.deliver(new Envelope(txId, c, LOCAL, new Pong(LOCAL)), c.address());
        }
        wire.sent.clear();
    }

    @Test
    void aReplyToAnUnverifiedSourceIsCutToThreeTimesItsRequest() {
        List<Contact> twenty = peers(20);
        verify(twenty);
        answer = new Nodes(twenty);
        Envelope request = new Envelope(7, STRANGER_CONTACT, LOCAL, new FindNode(NodeId.sha1Of("x"), 20));

        wire.deliver(request, STRANGER);

        assertThat(wire.sent).hasSize(1);
        Envelope reply = wire.sent.get(0);
        int requestBytes = codec.encode(request).length;
        assertThat(codec.encode(reply).length).isLessThanOrEqualTo(3 * requestBytes);
        Nodes nodes = (Nodes) reply.body();
        assertThat(nodes.contacts()).as("the closest that fit, in order").isNotEmpty()
                .isEqualTo(twenty.subList(0, nodes.contacts().size()));
        assertThat(codec.encodedSize(new Envelope(7, SELF, STRANGER, new Nodes(twenty.subList(0, nodes.contacts().size() + 1)))))
                .as("one more contact would not fit").isGreaterThan(3 * requestBytes);
        assertThat(guarded.repliesTrimmed()).isEqualTo(1);
        assertThat(unverifiedRequesters).containsExactly(STRANGER);
    }

    @Test
    void anUnverifiedSourceGetsTheWiresShortestFormAndAVerifiedOneTheWholeForm() {
        answer = new Pong(STRANGER);
        wire.deliver(new Envelope(7, STRANGER_CONTACT, LOCAL, new Ping()), STRANGER);
        assertThat(wire.sent).hasSize(1);
        assertThat(wire.sent.get(0).hints().minimal()).isTrue();

        verify(List.of(STRANGER_CONTACT));
        wire.deliver(new Envelope(8, STRANGER_CONTACT, LOCAL, new Ping()), STRANGER);
        assertThat(wire.sent).hasSize(1);
        assertThat(wire.sent.get(0).hints().minimal()).isFalse();
    }

    @Test
    void aVerifiedSourceGetsTheWholeReply() {
        List<Contact> twenty = peers(20);
        verify(twenty);
        verify(List.of(STRANGER_CONTACT));
        answer = new Nodes(twenty);

        wire.deliver(new Envelope(7, STRANGER_CONTACT, LOCAL, new FindNode(NodeId.sha1Of("x"), 20)), STRANGER);

        assertThat(((Nodes) wire.sent.get(0).body()).contacts()).isEqualTo(twenty);
        assertThat(guarded.repliesTrimmed()).isZero();
        assertThat(unverifiedRequesters).isEmpty();
    }

    @Test
    void repliesNoRequestAsksForAndRepliesThatCannotFitAreNotSent() {
        guarded.send(new Envelope(99, SELF, STRANGER, new Nodes(List.of())));
        assertThat(wire.sent).as("no request from that address with that id").isEmpty();

        verify(peers(16));
        answer = new NextHop(false, peers(16));
        wire.deliver(new Envelope(8, STRANGER_CONTACT, LOCAL, new Ping()), STRANGER);
        // A ping (about 40 bytes) allows 120: a NextHop with one contact fits; a budget of a few bytes would not.
        assertThat(wire.sent).hasSize(1);
        assertThat(((NextHop) wire.sent.get(0).body()).nodes()).isNotEmpty();

        Envelope big = new Envelope(9, SELF, STRANGER, new Pong(new Address("a".repeat(240) + ".example", 1)));
        answer = big.body();
        wire.deliver(new Envelope(9, STRANGER_CONTACT, LOCAL, new Ping()), STRANGER);
        assertThat(wire.sent).as("a 290-byte pong to two 40-byte pings").hasSize(1);
        assertThat(guarded.repliesRefused()).isEqualTo(2);
    }

    @Test
    void ourOwnRequestsToAnUnverifiedSenderSpendItsBudgetToo() {
        answer = new Pong(STRANGER);
        Envelope ping = new Envelope(1, STRANGER_CONTACT, LOCAL, new Ping());
        wire.deliver(ping, STRANGER);
        long budget = 3L * codec.encode(ping).length;
        long spent = codec.encode(wire.sent.get(0)).length;

        int sentPings = 0;
        while (guarded.canAfford(STRANGER, new Ping())) {
            guarded.send(new Envelope(100 + sentPings, SELF, STRANGER, new Ping()));
            spent += codec.encode(wire.sent.get(wire.sent.size() - 1)).length;
            sentPings++;
        }
        guarded.send(new Envelope(99, SELF, STRANGER, new Ping()));

        assertThat(sentPings).as("a pong and one ping fit in three pings' worth").isEqualTo(1);
        assertThat(wire.sent).hasSize(2);
        assertThat(spent).isLessThanOrEqualTo(budget);
        assertThat(guarded.requestsWithheld()).isEqualTo(1);

        Address neverWroteToUs = new Address("203.0.113.200", 4000);
        guarded.send(new Envelope(7, SELF, neverWroteToUs, new Ping()));
        assertThat(wire.sent).as("our own lookups go anywhere").hasSize(3);

        wire.deliver(new Envelope(100, STRANGER_CONTACT, LOCAL, new Pong(STRANGER)), STRANGER);
        assertThat(verified.isVerified(STRANGER)).isTrue();
        assertThat(guarded.canAfford(STRANGER, new Nodes(peers(20)))).as("verified: no budget").isTrue();
    }

    @Test
    void onlyVerifiedContactsAreHandedOut() {
        List<Contact> ten = peers(10);
        verify(ten.subList(0, 5));
        Contact impostor = new Contact(NodeId.sha1Of("impostor"), ten.get(0).address());
        List<Contact> offered = new ArrayList<>(ten);
        offered.add(impostor);
        offered.add(SELF);
        verify(List.of(STRANGER_CONTACT));

        answer = new Nodes(offered);
        wire.deliver(new Envelope(1, STRANGER_CONTACT, LOCAL, new FindNode(NodeId.sha1Of("x"), 20)), STRANGER);
        answer = new Neighbors(offered.subList(5, 10), offered.subList(0, 10));
        wire.deliver(new Envelope(2, STRANGER_CONTACT, LOCAL, new Ping()), STRANGER);
        answer = new NextHop(true, offered.subList(5, 10));
        wire.deliver(new Envelope(3, STRANGER_CONTACT, LOCAL, new Ping()), STRANGER);

        assertThat(((Nodes) wire.sent.get(0).body()).contacts()).as("an id at another's address is not verified")
                .containsExactlyElementsOf(concat(ten.subList(0, 5), List.of(SELF)));
        Neighbors n = (Neighbors) wire.sent.get(1).body();
        assertThat(n.predecessors()).isEmpty();
        assertThat(n.successors()).isEqualTo(ten.subList(0, 5));
        assertThat(wire.sent).as("a NextHop with no verified node is not sent").hasSize(2);
        assertThat(guarded.contactsWithheld()).isEqualTo(6 + 10);
        assertThat(guarded.repliesRefused()).isEqualTo(1);
        assertThat(withheld).as("every contact withheld is asked to prove itself")
                .containsOnly(concat(ten.subList(5, 10), List.of(impostor)).stream().map(Contact::address).toArray(Address[]::new))
                .contains(impostor.address());
    }

    @Test
    void aResponseVerifiesOnlyWhenItComesFromTheAddressAsked() {
        Contact peer = peers(1).get(0);
        guarded.send(new Envelope(5, SELF, peer.address(), new Ping()));
        wire.deliver(new Envelope(5, peer, LOCAL, new Pong(LOCAL)), STRANGER);
        assertThat(verified.isVerified(peer.address())).isFalse();
        assertThat(verified.isVerified(STRANGER)).isFalse();

        guarded.send(new Envelope(6, SELF, peer.address(), new Ping()));
        wire.deliver(new Envelope(6, peer, LOCAL, new Pong(LOCAL)), peer.address());
        assertThat(verified.isVerified(peer)).isTrue();
    }

    @Test
    void theVerifiedSetHasAHardCap() {
        VerifiedPeers small = new VerifiedPeers(3);
        List<Contact> five = peers(5);
        five.forEach(c -> small.answered(c.id(), c.address()));
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.isVerified(five.get(0))).isFalse();
        assertThat(small.isVerified(five.get(4))).isTrue();
        assertThat(small.isVerifiedSource(SourceKeys.of(java.net.InetAddress.getLoopbackAddress()))).isFalse();
    }

    private static List<Contact> concat(List<Contact> a, List<Contact> b) {
        List<Contact> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
