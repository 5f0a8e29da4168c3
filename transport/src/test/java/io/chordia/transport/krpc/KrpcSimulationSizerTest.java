package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFixtures.ABCD;
import static io.chordia.transport.krpc.KrpcFixtures.LOCAL;
import static io.chordia.transport.krpc.KrpcFixtures.MNOP;
import static io.chordia.transport.krpc.KrpcFixtures.RESPONDER;
import static io.chordia.transport.krpc.KrpcFixtures.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.transport.codec.KryoWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's KRPC byte counts are the bytes two real KRPC codecs exchange: a query sized as
 * it is sent, a reply as the responder's codec encodes it after decoding that query (echoing our
 * 9-byte id), though the sizer itself never decoded anything.
 */
class KrpcSimulationSizerTest {
    private static final int MAX = KryoWireCodec.MAX_DATAGRAM_BYTES;
    private final KrpcSimulationSizer sizer = new KrpcSimulationSizer(MAX);
    private final KrpcWireCodec querier = new KrpcWireCodec(KrpcConfig.defaults());
    private final KrpcWireCodec responder = new KrpcWireCodec(KrpcConfig.defaults());

    @Test
    void queriesAndRepliesCountTheBytesRealCodecsExchange() throws Exception {
        List<Contact> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(new Contact(NodeId.sha1Of("n" + i), new Address("203.0.113." + i, 6881 + i)));
        }
        exchange(new Ping(), new Pong(LOCAL));
        exchange(new FindNode(MNOP, 8), new Nodes(eight));
        exchange(new FindNode(MNOP, 8), new Nodes(List.of()));
    }

    @Test
    void aMessageWithNoKrpcFormIsChargedAsKryoCarriesIt() {
        DhtRecord record = DhtRecord.plain(MNOP, Bytes.ofUtf8("value"), 1, ABCD, Duration.ofHours(1));
        Envelope store = new Envelope(42L << 8, new Contact(ABCD, LOCAL), RESPONDER,
                new StoreRecord(record, 0, Bytes.wrapOwned(new byte[20])));
        assertThat(sizer.encodedLength(store)).isEqualTo(new KryoWireCodec(MAX).encodedSize(store)).isPositive();
    }

    private void exchange(Message query, Message reply) throws Exception {
        Envelope sent = new Envelope(0x1234_5678_9abc_def0L, new Contact(ABCD, LOCAL), RESPONDER, query);
        byte[] onTheWire = querier.encode(sent);
        assertThat(sizer.encodedLength(sent)).as("%s", query).isEqualTo(onTheWire.length);

        Envelope received = decode(responder, onTheWire, LOCAL);
        byte[] answer = responder.encode(new Envelope(received.txId(), new Contact(MNOP, RESPONDER), LOCAL, reply));
        Envelope simulatedReply = new Envelope(sent.txId(), new Contact(MNOP, RESPONDER), LOCAL, reply);
        assertThat(sizer.encodedLength(simulatedReply)).as("reply %s", reply).isEqualTo(answer.length);
    }
}
