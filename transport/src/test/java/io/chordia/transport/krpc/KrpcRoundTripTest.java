package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFixtures.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own codec, exchange every mapped message: a query arrives as it was
 * sent, its reply comes back as the type the query expects under the query's transaction id, and a
 * peer's transaction id of any accepted length is echoed byte for byte.
 */
class KrpcRoundTripTest {
    private static final Contact ALICE = new Contact(NodeId.fromHex("a1".repeat(20)), new Address("192.0.2.10", 6881));
    private static final Contact BOB = new Contact(NodeId.fromHex("b0".repeat(20)), new Address("2001:db8::b0", 6882));
    private static final NodeId HASH = NodeId.fromHex("c3".repeat(20));
    private static final Bytes TOKEN = Bytes.wrapOwned(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    private static final Contact V4 = new Contact(NodeId.fromHex("11".repeat(20)), new Address("198.51.100.2", 4001));
    private static final Contact V6 = new Contact(NodeId.fromHex("22".repeat(20)), new Address("2001:db8::1", 4002));

    private final KrpcWireCodec alice = new KrpcWireCodec(KrpcConfig.defaults());
    private final KrpcWireCodec bob = new KrpcWireCodec(KrpcConfig.defaults());

    static Stream<Arguments> exchanges() {
        return Stream.of(
                Arguments.of(new Ping(), new Pong(ALICE.address())),
                Arguments.of(new FindNode(HASH, KrpcConfig.K), new Nodes(List.of(V4, V6))),
                Arguments.of(new FindNode(HASH, KrpcConfig.K), new Nodes(List.of())),
                Arguments.of(new GetPeers(HASH), new Peers(TOKEN, List.of(new Address("203.0.113.5", 51413),
                        new Address("2001:db8::5", 51414)), List.of())),
                Arguments.of(new GetPeers(HASH), new Peers(TOKEN, List.of(), List.of(V4, V6))),
                Arguments.of(new GetPeers(HASH), new Peers(Bytes.EMPTY, List.of(), List.of())),
                Arguments.of(new AnnouncePeer(HASH, 51413, false, TOKEN), new Ack()),
                Arguments.of(new AnnouncePeer(HASH, 0, true, TOKEN), new Ack()),
                Arguments.of(new UnknownQuery("vote"), new ErrorReply(ErrorCode.UNSUPPORTED, "method unknown")),
                Arguments.of(new Ping(), new ErrorReply(ErrorCode.BAD_REQUEST, "protocol ü")),
                Arguments.of(new Ping(), new ErrorReply(ErrorCode.INTERNAL, "server")),
                Arguments.of(new Ping(), new ErrorReply(ErrorCode.REFUSED, "")),
                Arguments.of(new Ping(), new ErrorReply(ErrorCode.BAD_SIGNATURE, "invalid signature")),
                Arguments.of(new Ping(), new ErrorReply(ErrorCode.STALE, "sequence number less than current")),
                Arguments.of(new Ping(), new ErrorReply(ErrorCode.CAS_FAILED, "cas mismatch")));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("exchanges")
    void queryAndReplyRoundTrip(Request<?> request, Response response) throws Exception {
        long txId = 0x8123456789abcdefL;
        Envelope sent = new Envelope(txId, ALICE, BOB.address(), request);

        Envelope atBob = roundTrip(alice, bob, sent, ALICE.address());
        assertThat(atBob.body()).isEqualTo(request);
        assertThat(atBob.sender()).isEqualTo(ALICE);

        Envelope reply = new Envelope(atBob.txId(), BOB, atBob.sender().address(), response);
        Envelope atAlice = roundTrip(bob, alice, reply, BOB.address());
        assertThat(atAlice.txId()).isEqualTo(txId);
        assertThat(atAlice.body()).isEqualTo(response);
        if (!(response instanceof ErrorReply)) {
            assertThat(atAlice.sender()).isEqualTo(BOB);
            // BEP 42: Bob says where Alice's query came from.
            assertThat(atAlice.hints().observedAddress()).isEqualTo(ALICE.address());
        }
    }

    /** KRPC's numbers are fewer than our codes: these share one and come back as its first reading. */
    @Test
    void errorCodesWithoutANumberOfTheirOwnComeBackAsTheirKrpcReading() throws Exception {
        assertThat(errorRoundTrip(ErrorCode.OVERLOADED)).isEqualTo(ErrorCode.INTERNAL);
        assertThat(errorRoundTrip(ErrorCode.QUOTA_EXCEEDED)).isEqualTo(ErrorCode.INTERNAL);
        assertThat(errorRoundTrip(ErrorCode.BAD_TOKEN)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(errorRoundTrip(ErrorCode.KEY_MISMATCH)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(errorRoundTrip(ErrorCode.CONFLICT)).isEqualTo(ErrorCode.STALE);
        assertThat(errorRoundTrip(ErrorCode.VALUE_TOO_BIG)).isEqualTo(ErrorCode.VALUE_TOO_BIG);
        assertThat(errorRoundTrip(ErrorCode.SALT_TOO_BIG)).isEqualTo(ErrorCode.SALT_TOO_BIG);
        assertThat(KrpcErrorCodes.fromKrpc(999)).isEqualTo(ErrorCode.REFUSED);
    }

    /** KRPC responses do not name their method: the same r dictionary is a pong or an ack by the id it answers. */
    @Test
    void aResponseTakesItsTypeFromTheTransactionIdItAnswers() throws Exception {
        String results = "d2:ip6:" + "\u00c0\u0000\u0002\u0001\u001a\u00e1" + "1:rd2:id20:mnopqrstuvwxyz1234565:nodes0:e1:t9:";
        for (KrpcMethod method : List.of(KrpcMethod.PING, KrpcMethod.FIND_NODE, KrpcMethod.GET_PEERS, KrpcMethod.ANNOUNCE_PEER)) {
            byte[] tid = KrpcTransactionIds.ours(method, 42);
            byte[] data = concat(ascii(results), tid, ascii("1:y1:re"));

            Message body = alice.decode(data, 0, data.length, BOB.address(), ALICE.address()).body();

            Class<?> expected = method == KrpcMethod.PING ? Pong.class : method == KrpcMethod.FIND_NODE ? Nodes.class
                    : method == KrpcMethod.GET_PEERS ? Peers.class : Ack.class;
            assertThat(body).as("answer to %s", method).isInstanceOf(expected);
        }
        byte[] unknown = concat(ascii(results), KrpcTransactionIds.ours(KrpcMethod.UNKNOWN, 42), ascii("1:y1:re"));
        assertThatThrownBy(() -> alice.decode(unknown, 0, unknown.length, BOB.address(), ALICE.address()))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown method");
    }

    @Test
    void aPeersTransactionIdOfAnyAcceptedLengthIsEchoedExactly() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        for (int length = 1; length <= KrpcTransactionIds.MAX_FOREIGN_BYTES; length++) {
            for (int sample = 0; sample < 8; sample++) {
                byte[] tid = new byte[length];
                for (int i = 0; i < length; i++) {
                    tid[i] = (byte) random.nextInt(256);
                }
                byte[] query = concat(ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t" + length + ":"), tid,
                        ascii("1:y1:qe"));
                Envelope decoded = bob.decode(query, 0, query.length, ALICE.address(), BOB.address());

                byte[] reply = bob.encode(new Envelope(decoded.txId(), BOB, ALICE.address(), new Pong(ALICE.address())));

                byte[] echoed = ascii("1:t" + length + ":");
                assertThat(indexOf(reply, concat(echoed, tid, ascii("1:v4:")))).as("tid of %s bytes", length).isPositive();
            }
        }
        byte[] tooLong = ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t33:" + "x".repeat(33) + "1:y1:qe");
        assertThatThrownBy(() -> bob.decode(tooLong, 0, tooLong.length, ALICE.address(), BOB.address()))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("transaction id of 33 bytes");
    }

    /** Ids longer than 7 bytes wait in a bounded table: the oldest is forgotten, and its reply cannot be sent. */
    @Test
    void longForeignIdsAreRememberedWithinTheBound() throws Exception {
        KrpcWireCodec small = new KrpcWireCodec(KrpcConfig.defaults().withForeignIdMemory(2));
        List<Long> txIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] query = ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t8:abcdefg" + i + "1:y1:qe");
            txIds.add(small.decode(query, 0, query.length, ALICE.address(), BOB.address()).txId());
        }

        assertThatThrownBy(() -> small.encode(new Envelope(txIds.get(0), BOB, ALICE.address(), new Ack())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("still remember");
        assertThat(small.encode(new Envelope(txIds.get(2), BOB, ALICE.address(), new Ack())))
                .containsSubsequence(ascii("1:t8:abcdefg2"));
        // A reply sent twice (a retransmitted answer) still finds its id.
        assertThat(small.encode(new Envelope(txIds.get(2), BOB, ALICE.address(), new Ack())))
                .containsSubsequence(ascii("1:t8:abcdefg2"));
    }

    /** Contacts with a host name have no compact form; an IPv4 node goes in nodes, an IPv6 one in nodes6. */
    @Test
    void contactsThatAreNotIpLiteralsAreLeftOut() throws Exception {
        Contact named = new Contact(NodeId.fromHex("33".repeat(20)), new Address("node.example.org", 4003));
        Envelope query = roundTrip(alice, bob, new Envelope(7, ALICE, BOB.address(), new FindNode(HASH, 8)), ALICE.address());

        Envelope answer = roundTrip(bob, alice, new Envelope(query.txId(), BOB, ALICE.address(),
                new Nodes(List.of(V6, named, V4))), BOB.address());

        assertThat(answer.body()).isEqualTo(new Nodes(List.of(V4, V6)));
    }

    @Test
    void randomNodesRoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            List<Contact> v4 = new ArrayList<>();
            List<Contact> v6 = new ArrayList<>();
            for (int i = random.nextInt(9); i > 0; i--) {
                NodeId id = NodeId.fromHex(Long.toHexString(random.nextLong() | Long.MIN_VALUE).repeat(3).substring(0, 40));
                int port = 1 + random.nextInt(65535);
                if (random.nextBoolean()) {
                    v4.add(new Contact(id, new Address(random.nextInt(1, 224) + "." + random.nextInt(256) + "."
                            + random.nextInt(256) + "." + random.nextInt(256), port)));
                } else {
                    v6.add(new Contact(id, new Address("2001:db8::" + Integer.toHexString(1 + random.nextInt(0xfffe)), port)));
                }
            }
            List<Contact> all = new ArrayList<>(v4);
            all.addAll(v6);
            Envelope query = roundTrip(alice, bob, new Envelope(random.nextLong(), ALICE, BOB.address(),
                    new FindNode(HASH, 8)), ALICE.address());
            Envelope answer = roundTrip(bob, alice, new Envelope(query.txId(), BOB, ALICE.address(), new Nodes(all)),
                    BOB.address());
            assertThat(answer.body()).isEqualTo(new Nodes(all));
        }
    }

    private ErrorCode errorRoundTrip(ErrorCode code) throws Exception {
        Envelope atBob = roundTrip(alice, bob, new Envelope(9, ALICE, BOB.address(), new Ping()), ALICE.address());
        Envelope back = roundTrip(bob, alice, new Envelope(atBob.txId(), BOB, ALICE.address(), new ErrorReply(code, "x")),
                BOB.address());
        return ((ErrorReply) back.body()).code();
    }

    private static Envelope roundTrip(KrpcWireCodec from, KrpcWireCodec to, Envelope envelope, Address source)
            throws MalformedMessageException {
        byte[] data = from.encode(envelope);
        assertThat(from.encodedLength(envelope)).isEqualTo(data.length);
        return to.decode(data, 0, data.length, source, envelope.recipient());
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
