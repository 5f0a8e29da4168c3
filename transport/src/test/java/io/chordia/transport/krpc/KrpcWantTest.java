package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFixtures.ABCD;
import static io.chordia.transport.krpc.KrpcFixtures.MNOP;
import static io.chordia.transport.krpc.KrpcFixtures.QUERIER;
import static io.chordia.transport.krpc.KrpcFixtures.ascii;
import static io.chordia.transport.krpc.KrpcFixtures.decode;
import static io.chordia.transport.krpc.KrpcFixtures.latin1;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Nodes;
import io.chordia.core.net.Contact;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BEP 32's {@code want} on find_node and get_peers: we answer with the contacts we have of both
 * families whatever it says ({@code nodes6} whenever we have IPv6 contacts, so a peer that asked
 * for n6 gets them), and a {@code want} that is malformed is ignored, not a reason to drop the query.
 */
class KrpcWantTest {
    private static final String FIND_NODE_WANTING_BOTH =
            "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz1234564:wantl2:n42:n6ee1:q9:find_node1:t2:aa1:y1:qe";
    private static final Contact V4 = KrpcFixtures.contact("11".repeat(20), "192.0.2.7", 0x1ae1);
    private static final Contact V6 = KrpcFixtures.contact("22".repeat(20), "2001:db8::7", 0x1ae2);

    private final KrpcWireCodec codec = KrpcFixtures.plainCodec();

    @Test
    void aFindNodeWantingBothFamiliesIsAnsweredWithNodesAndNodes6() throws Exception {
        Envelope query = decode(codec, ascii(FIND_NODE_WANTING_BOTH), QUERIER);
        assertThat(query.body()).isEqualTo(new FindNode(MNOP, KrpcConfig.K));
        assertThat(query.sender().id()).isEqualTo(ABCD);

        byte[] reply = codec.encode(new Envelope(query.txId(), new Contact(MNOP, KrpcFixtures.LOCAL), QUERIER,
                new Nodes(List.of(V4, V6))));

        String v4 = "\u0011".repeat(20) + "\u00c0\u0000\u0002\u0007\u001a\u00e1";
        String v6 = "\"".repeat(20) + "\u0020\u0001\r\u00b8" + "\u0000".repeat(11) + "\u0007\u001a\u00e2";
        assertThat(latin1(reply)).isEqualTo("d1:rd2:id20:mnopqrstuvwxyz1234565:nodes26:" + v4 + "6:nodes638:" + v6
                + "e1:t2:aa1:y1:re");
    }

    @Test
    void aMalformedWantIsIgnored() throws Exception {
        for (String want : List.of("i5e", "2:n6", "l3:n99i4ee", "de")) {
            String query = "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:want" + want
                    + "e1:q9:get_peers1:t2:aa1:y1:qe";
            assertThat(decode(codec, ascii(query), QUERIER).body()).as(want).isEqualTo(new GetPeers(MNOP));
        }
    }
}
