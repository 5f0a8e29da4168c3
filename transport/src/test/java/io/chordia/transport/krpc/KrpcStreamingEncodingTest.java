package io.chordia.transport.krpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Item;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.Request;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BepExamples;
import io.chordia.transport.codec.RandomEnvelopes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The streaming encoder ({@link KrpcMessageWriter}) against its reference model, the bencode tree
 * ({@link KrpcTreeEncoder}): for every message KRPC carries, under every configuration and hint
 * that changes the fields (version or none, read-only, minimal, a peer's short or long transaction
 * id, a recipient with or without an IP), the two write the same bytes, and refuse the same
 * messages; and BEP 5's examples, decoded and answered, come out the same from both.
 */
class KrpcStreamingEncodingTest {
    private static final Set<Class<?>> KRPC_MESSAGES = Set.of(Ping.class, FindNode.class, GetPeers.class,
            AnnouncePeer.class, GetItem.class, PutItem.class, UnknownQuery.class, Pong.class, Nodes.class, Peers.class,
            Item.class, Ack.class, ErrorReply.class);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyMessageTypeWritesTheTreesBytes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RandomEnvelopes envelopes = new RandomEnvelopes(random);
        Set<Class<?>> written = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            KrpcWireCodec codec = new KrpcWireCodec(config(random));
            KrpcTreeEncoder tree = new KrpcTreeEncoder(codec);
            Message body = envelopes.body();
            Envelope envelope = envelope(codec, body, envelopes, random);
            byte[] expected;
            try {
                expected = tree.encode(envelope);
            } catch (IllegalArgumentException noKrpcForm) {
                assertThatThrownBy(() -> codec.encode(envelope)).as("%s", body).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            if (expected.length > codec.config().maxEncodedBytes()) {
                assertThatThrownBy(() -> codec.encode(envelope)).as("%s", body).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            assertThat(codec.encode(envelope)).as("%s", envelope).isEqualTo(expected);
            assertThat(codec.encodedLength(envelope)).isEqualTo(expected.length);
            written.add(body.getClass());
        }
        assertThat(written).as("message types written").containsAll(KRPC_MESSAGES);
    }

    @Test
    void bep5ExamplesDecodedAndAnsweredWriteTheTreesBytes() throws Exception {
        KrpcWireCodec codec = KrpcFixtures.plainCodec();
        KrpcTreeEncoder tree = new KrpcTreeEncoder(codec);
        List<Message> answers = List.of(new Pong(KrpcFixtures.QUERIER),
                new Nodes(List.of(KrpcFixtures.contact("11".repeat(20), "198.51.100.7", 6881))),
                new Peers(KrpcFixtures.TOKEN, List.of(new io.chordia.core.net.Address("203.0.113.9", 51413)), List.of()),
                new Ack(), ErrorReply.of(io.chordia.core.message.ErrorCode.BAD_REQUEST, "A Protocol Error, such as a malformed packet"));
        int queries = 0;
        for (BepExamples.Example example : BepExamples.BEP_5) {
            if (!example.bencoded().endsWith("1:y1:qe")) {
                continue;
            }
            Envelope query = KrpcFixtures.decode(codec, KrpcFixtures.ascii(example.bencoded()), KrpcFixtures.QUERIER);
            Envelope ours = new Envelope(0x0123456789abcdefL, query.sender(), KrpcFixtures.RESPONDER, query.body());
            assertThat(codec.encode(ours)).as(example.name()).isEqualTo(tree.encode(ours));
            for (Message answer : answers) {
                Envelope reply = new Envelope(query.txId(), new io.chordia.core.net.Contact(KrpcFixtures.MNOP,
                        KrpcFixtures.LOCAL), KrpcFixtures.QUERIER, answer);
                assertThat(codec.encode(reply)).as("%s answered %s", example.name(), answer).isEqualTo(tree.encode(reply));
            }
            queries++;
        }
        assertThat(queries).isEqualTo(4);
    }

    @Test
    void aSizedReplyIsSentAsSizedAndADifferentOneIsWrittenAfresh() {
        KrpcWireCodec codec = new KrpcWireCodec(KrpcConfig.defaults());
        RandomEnvelopes envelopes = new RandomEnvelopes(new SplittableRandom(7));
        long t = codec.foreignIds().fromForeign(new byte[] {'a', 'a'});
        Envelope small = new Envelope(t, envelopes.contact(), envelopes.address(), new Pong(envelopes.address()));
        Envelope large = new Envelope(t, envelopes.contact(), envelopes.address(), new Nodes(envelopes.contacts(8, 8)));
        KrpcTreeEncoder tree = new KrpcTreeEncoder(codec);

        int sized = codec.encodedLength(large);
        byte[] sent = codec.encode(large, (array, length) -> java.util.Arrays.copyOf(array, length));
        byte[] next = codec.encode(small);

        assertThat(sent).hasSize(sized).isEqualTo(tree.encode(large));
        assertThat(next).isEqualTo(tree.encode(small));
        assertThat(codec.encode(large)).isEqualTo(sent);
    }

    private static Envelope envelope(KrpcWireCodec codec, Message body, RandomEnvelopes envelopes, SplittableRandom random) {
        EnvelopeHints hints = random.nextInt(3) == 0 ? EnvelopeHints.MINIMAL : EnvelopeHints.NONE;
        long txId;
        if (body instanceof Request<?>) {
            txId = random.nextLong();
        } else {
            // A peer's id: up to 7 bytes packed in the txId, longer ones held in the codec's table.
            byte[] t = new byte[1 + random.nextInt(KrpcTransactionIds.MAX_FOREIGN_BYTES)];
            random.nextBytes(t);
            txId = codec.foreignIds().fromForeign(t);
        }
        return new Envelope(txId, envelopes.contact(), envelopes.address(), body, hints);
    }

    private static KrpcConfig config(SplittableRandom random) {
        KrpcConfig config = KrpcConfig.defaults().withMaxEncodedBytes(random.nextBoolean() ? 1232 : 65_507)
                .withReadOnly(random.nextInt(4) == 0);
        return random.nextInt(4) == 0 ? config.withVersion(Bytes.EMPTY) : config;
    }
}
