package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFixtures.ABCD;
import static io.chordia.transport.krpc.KrpcFixtures.DIGITS_FIRST;
import static io.chordia.transport.krpc.KrpcFixtures.MNOP;
import static io.chordia.transport.krpc.KrpcFixtures.QUERIER;
import static io.chordia.transport.krpc.KrpcFixtures.RESPONDER;
import static io.chordia.transport.krpc.KrpcFixtures.TOKEN;
import static io.chordia.transport.krpc.KrpcFixtures.ascii;
import static io.chordia.transport.krpc.KrpcFixtures.decode;
import static io.chordia.transport.krpc.KrpcFixtures.latin1;
import static io.chordia.transport.krpc.KrpcFixtures.plainCodec;
import static io.chordia.transport.krpc.KrpcFixtures.withOurTid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.transport.bencode.BepExamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BEP 5's example messages, quoted exactly in {@link BepExamples}: each query decodes to its
 * message, each answer encodes to the BEP's bytes when it echoes the BEP's transaction id, and our
 * own queries are the BEP's bytes with our 9-byte transaction id in place of {@code aa}.
 */
class KrpcGoldenTest {
    private static final long OUR_TX = 0x0123456789abcdefL;
    private static final String PING_RESPONSE = example("ping response");
    private static final String FIND_NODE_QUERY = example("find_node query");
    private static final String FIND_NODE_RESPONSE = example("find_node response");
    private static final String GET_PEERS_QUERY = example("get_peers query");
    private static final String GET_PEERS_VALUES = example("get_peers response with peers");
    private static final String GET_PEERS_NODES = example("get_peers response with closest nodes");
    private static final String ANNOUNCE_QUERY = example("announce_peer query");
    private static final String ANNOUNCE_RESPONSE = example("announce_peer response");
    private static final String GENERIC_ERROR = example("generic error");

    private final KrpcWireCodec codec = plainCodec();

    @Test
    void pingQueryDecodesAndItsPongEchoesTheBepResponse() throws Exception {
        Envelope query = decode(codec, ascii(BepExamples.PING_QUERY.bencoded()), QUERIER);
        assertThat(query.body()).isEqualTo(new Ping());
        assertThat(query.sender()).isEqualTo(new Contact(ABCD, QUERIER));

        byte[] pong = codec.encode(reply(query, MNOP, new Pong(QUERIER)));

        assertThat(latin1(pong)).isEqualTo(PING_RESPONSE);
    }

    @Test
    void ourPingIsTheBepQueryWithOurTransactionId() throws Exception {
        Envelope ping = new Envelope(OUR_TX, new Contact(ABCD, QUERIER), RESPONDER, new Ping());

        assertThat(codec.encode(ping)).isEqualTo(withOurTid(BepExamples.PING_QUERY.bencoded(), KrpcMethod.PING, OUR_TX));
        assertThat(codec.encodedLength(ping)).isEqualTo(codec.encode(ping).length);
        Envelope pong = decode(codec, withOurTid(PING_RESPONSE, KrpcMethod.PING, OUR_TX), RESPONDER);
        assertThat(pong.txId()).isEqualTo(OUR_TX);
        assertThat(pong.sender()).isEqualTo(new Contact(MNOP, RESPONDER));
        assertThat(pong.body()).isEqualTo(new Pong(KrpcFixtures.LOCAL));
    }

    @Test
    void findNodeQueryBothWays() throws Exception {
        Envelope query = decode(codec, ascii(FIND_NODE_QUERY), QUERIER);
        assertThat(query.body()).isEqualTo(new FindNode(MNOP, KrpcConfig.K));

        Envelope ours = new Envelope(OUR_TX, new Contact(ABCD, QUERIER), RESPONDER, new FindNode(MNOP, KrpcConfig.K));
        assertThat(codec.encode(ours)).isEqualTo(withOurTid(FIND_NODE_QUERY, KrpcMethod.FIND_NODE, OUR_TX));
    }

    /** The BEP's nodes value, "def456...", stands for compact node info; 9 bytes are not a node. */
    @Test
    void findNodeResponseOfTheBepHasAPlaceholderForItsNodes() throws Exception {
        assertRefused(withOurTid(FIND_NODE_RESPONSE, KrpcMethod.FIND_NODE, OUR_TX), "compact nodes of 9 bytes");
        assertRefused(withOurTid(GET_PEERS_NODES, KrpcMethod.GET_PEERS, OUR_TX), "compact nodes of 9 bytes");
    }

    @Test
    void findNodeResponseWithARealNodeInTheBepShape() throws Exception {
        Contact node = KrpcFixtures.contact("11".repeat(20), "198.51.100.2", 0x0fa1);
        String nodes = "11".repeat(20).replaceAll("..", "\u0011") + "\u00c6\u0033\u0064\u0002\u000f\u00a1";
        String expected = "d1:rd2:id20:0123456789abcdefghij5:nodes26:" + nodes + "e1:t2:aa1:y1:re";
        Envelope query = decode(codec, ascii(FIND_NODE_QUERY), QUERIER);

        assertThat(latin1(codec.encode(reply(query, DIGITS_FIRST, new Nodes(List.of(node)))))).isEqualTo(expected);
        Envelope decoded = decode(codec, withOurTid(expected, KrpcMethod.FIND_NODE, OUR_TX), RESPONDER);
        assertThat(decoded.body()).isEqualTo(new Nodes(List.of(node)));
    }

    @Test
    void getPeersQueryBothWays() throws Exception {
        assertThat(decode(codec, ascii(GET_PEERS_QUERY), QUERIER).body()).isEqualTo(new GetPeers(MNOP));
        Envelope ours = new Envelope(OUR_TX, new Contact(ABCD, QUERIER), RESPONDER, new GetPeers(MNOP));
        assertThat(codec.encode(ours)).isEqualTo(withOurTid(GET_PEERS_QUERY, KrpcMethod.GET_PEERS, OUR_TX));
    }

    /** "axje.u" and "idhtnm" are six bytes each: they are compact peers, 97.120.106.101:11893 and 105.100.104.116:28269. */
    @Test
    void getPeersResponseWithPeersBothWays() throws Exception {
        Peers peers = new Peers(TOKEN, List.of(new Address("97.120.106.101", 0x2e75), new Address("105.100.104.116", 0x6e6d)),
                List.of());
        Envelope query = decode(codec, ascii(GET_PEERS_QUERY), QUERIER);

        assertThat(latin1(codec.encode(reply(query, ABCD, peers)))).isEqualTo(GET_PEERS_VALUES);
        assertThat(decode(codec, withOurTid(GET_PEERS_VALUES, KrpcMethod.GET_PEERS, OUR_TX), RESPONDER).body())
                .isEqualTo(peers);
    }

    @Test
    void announcePeerQueryBothWays() throws Exception {
        AnnouncePeer announce = new AnnouncePeer(MNOP, 6881, false, TOKEN);
        AnnouncePeer implied = new AnnouncePeer(MNOP, 6881, true, TOKEN);
        String impliedText = BepExamples.ANNOUNCE_PEER_IMPLIED_PORT.bencoded();

        assertThat(decode(codec, ascii(ANNOUNCE_QUERY), QUERIER).body()).isEqualTo(announce);
        assertThat(decode(codec, ascii(impliedText), QUERIER).body()).isEqualTo(implied);
        assertThat(codec.encode(new Envelope(OUR_TX, new Contact(ABCD, QUERIER), RESPONDER, announce)))
                .isEqualTo(withOurTid(ANNOUNCE_QUERY, KrpcMethod.ANNOUNCE_PEER, OUR_TX));
        assertThat(codec.encode(new Envelope(OUR_TX, new Contact(ABCD, QUERIER), RESPONDER, implied)))
                .isEqualTo(withOurTid(impliedText, KrpcMethod.ANNOUNCE_PEER, OUR_TX));
    }

    @Test
    void announcePeerResponseBothWays() throws Exception {
        Envelope query = decode(codec, ascii(ANNOUNCE_QUERY), QUERIER);

        assertThat(latin1(codec.encode(reply(query, MNOP, new Ack())))).isEqualTo(ANNOUNCE_RESPONSE);
        assertThat(decode(codec, withOurTid(ANNOUNCE_RESPONSE, KrpcMethod.ANNOUNCE_PEER, OUR_TX), RESPONDER).body())
                .isEqualTo(new Ack());
    }

    @Test
    void genericErrorBothWays() throws Exception {
        ErrorReply error = new ErrorReply(ErrorCode.REFUSED, "A Generic Error Ocurred");
        Envelope query = decode(codec, ascii(BepExamples.PING_QUERY.bencoded()), QUERIER);

        assertThat(latin1(codec.encode(reply(query, MNOP, error)))).isEqualTo(GENERIC_ERROR);
        Envelope decoded = decode(codec, withOurTid(GENERIC_ERROR, KrpcMethod.PING, OUR_TX), RESPONDER);
        assertThat(decoded.body()).isEqualTo(error);
        assertThat(decoded.txId()).isEqualTo(OUR_TX);
        assertThat(decoded.sender()).isEqualTo(new Contact(KrpcMessages.NO_ID, RESPONDER));
        assertThat(decoded.hints().anonymous()).isTrue();
    }

    /** What BEP 5's examples leave out: our version, BEP 42's ip to an IP-literal requester, BEP 43's ro. */
    @Test
    void versionObservedAddressAndReadOnly() throws Exception {
        KrpcWireCodec ours = new KrpcWireCodec(KrpcConfig.defaults().withReadOnly(true));
        Address requester = new Address("203.0.113.7", 0x1ae1);
        Envelope query = decode(ours, ascii(BepExamples.PING_QUERY.bencoded()), requester);

        assertThat(latin1(ours.encode(reply(query, MNOP, new Pong(requester)))))
                .isEqualTo("d2:ip6:\u00cb\u0000\u0071\u0007\u001a\u00e11:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:v4:CH\u0000\u00011:y1:re");
        assertThat(latin1(ours.encode(new Envelope(OUR_TX, new Contact(ABCD, QUERIER), RESPONDER, new Ping()))))
                .startsWith("d1:ad2:id20:abcdefghij0123456789e1:q4:ping2:roi1e1:t9:p");
        Envelope readOnlyPing = decode(codec, ours.encode(new Envelope(OUR_TX, new Contact(ABCD, QUERIER), RESPONDER,
                new Ping())), requester);
        assertThat(readOnlyPing.hints().readOnly()).isTrue();
        assertThat(query.hints().readOnly()).isFalse();
    }

    private void assertRefused(byte[] data, String why) {
        assertThatThrownBy(() -> decode(codec, data, RESPONDER))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DropReason.MALFORMED);
                    assertThat(e.getMessage()).contains(why);
                });
    }

    private static Envelope reply(Envelope query, io.chordia.core.id.NodeId self, Message body) {
        return new Envelope(query.txId(), new Contact(self, KrpcFixtures.LOCAL), query.sender().address(), body);
    }

    private static String example(String name) {
        return BepExamples.BEP_5.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().bencoded();
    }
}
