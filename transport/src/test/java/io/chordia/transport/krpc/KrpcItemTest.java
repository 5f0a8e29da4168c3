package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFixtures.ascii;
import static io.chordia.transport.krpc.KrpcRoundTripTest.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.Item;
import io.chordia.core.message.Message;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BepExamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * BEP 44 over KRPC: the buffer a mutable item's signature covers is the BEP's, byte for byte, an
 * immutable item lives at the BEP's test-vector target, and get/put carry an item so exactly that
 * its signature still verifies at the other end.
 */
class KrpcItemTest {
    private static final Bytes HELLO = Bytes.wrapOwned(ascii(BepExamples.BEP_44_VALUE));
    private static final Contact ALICE = new Contact(NodeId.fromHex("a1".repeat(20)), new Address("192.0.2.10", 6881));
    private static final Contact BOB = new Contact(NodeId.fromHex("b0".repeat(20)), new Address("192.0.2.11", 6881));
    private static final Bytes TOKEN = Bytes.wrapOwned(new byte[] {9, 8, 7});

    private final RecordSigner signer = RecordSigner.generate(new SplittableRandom(44));
    private final KrpcWireCodec alice = new KrpcWireCodec(KrpcConfig.defaults());
    private final KrpcWireCodec bob = new KrpcWireCodec(KrpcConfig.defaults());

    @Test
    void theSignedBufferIsBep44s() {
        assertThat(Bep44Items.signedBuffer(Bytes.EMPTY, 1, HELLO)).isEqualTo(ascii(BepExamples.BEP_44_SIGNED));
        assertThat(Bep44Items.signedBuffer(Bytes.ofUtf8("foobar"), 1, HELLO)).isEqualTo(ascii(BepExamples.BEP_44_SIGNED_WITH_SALT));
        assertThat(Bep44Items.signedBuffer(Bytes.ofUtf8("foobar"), 4, Bytes.ofUtf8("12:Hello world!")))
                .isEqualTo(ascii(BepExamples.BEP_44_PROSE_SIGNED_WITH_SALT));
    }

    @Test
    void anImmutableItemLivesAtTheBepsTarget() {
        PutItem put = new PutItem(TOKEN, HELLO, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY);

        assertThat(put.target()).isEqualTo(NodeId.fromHex(BepExamples.BEP_44_IMMUTABLE_TARGET));
        assertThat(put.signatureVerifies()).isTrue();
    }

    /** The check catches what it must: another seq, value, salt or key than the ones signed. */
    @Test
    void aSignatureVerifiesOnlyOverWhatWasSigned() {
        Bytes salt = Bytes.ofUtf8("foobar");
        Bytes sig = Bep44Items.sign(signer, salt, 1, HELLO);
        RecordSigner other = RecordSigner.generate(new SplittableRandom(45));

        assertThat(Bep44Items.verifies(signer.publicKey(), salt, 1, HELLO, sig)).isTrue();
        assertThat(Bep44Items.verifies(signer.publicKey(), salt, 2, HELLO, sig)).isFalse();
        assertThat(Bep44Items.verifies(signer.publicKey(), Bytes.EMPTY, 1, HELLO, sig)).isFalse();
        assertThat(Bep44Items.verifies(signer.publicKey(), salt, 1, Bytes.ofUtf8("12:Hello world!"), sig)).isFalse();
        assertThat(Bep44Items.verifies(other.publicKey(), salt, 1, HELLO, sig)).isFalse();
        assertThat(Bep44Items.verifies(Bytes.wrapOwned(new byte[31]), salt, 1, HELLO, sig)).isFalse();
        assertThat(new PutItem(TOKEN, HELLO, signer.publicKey(), salt, 2, -1, sig).signatureVerifies()).isFalse();
        assertThat(new PutItem(TOKEN, HELLO, signer.publicKey(), salt, 1, -1, sig).target())
                .isEqualTo(Bep44Items.mutableTarget(signer.publicKey(), salt));
    }

    @Test
    void putsAndGetsRoundTripAndStillVerify() throws Exception {
        Bytes salt = Bytes.ofUtf8("foobar");
        Bytes value = Bytes.wrapOwned(ascii("d1:ai1e1:bl3:xyzee"));
        PutItem mutable = new PutItem(TOKEN, value, signer.publicKey(), salt, 7, 6, Bep44Items.sign(signer, salt, 7, value));
        PutItem noCas = new PutItem(TOKEN, value, signer.publicKey(), Bytes.EMPTY, 7, -1, Bep44Items.sign(signer, Bytes.EMPTY, 7, value));
        PutItem immutable = new PutItem(TOKEN, HELLO, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY);
        Item found = new Item(TOKEN, value, signer.publicKey(), 7, mutable.signature(), List.of(BOB));
        Contact v6 = new Contact(NodeId.fromHex("c6".repeat(20)), new Address("2001:db8::c6", 6881));

        for (PutItem put : List.of(mutable, noCas, immutable)) {
            Envelope atBob = exchange(alice, bob, new Envelope(1, ALICE, BOB.address(), put), ALICE.address());
            assertThat(atBob.body()).isEqualTo(put);
            assertThat(((PutItem) atBob.body()).signatureVerifies()).isTrue();
            assertThat(exchange(bob, alice, new Envelope(atBob.txId(), BOB, ALICE.address(), new Ack()), BOB.address()).body())
                    .isEqualTo(new Ack());
        }
        for (Item item : List.of(found, new Item(TOKEN, HELLO, Bytes.EMPTY, -1, Bytes.EMPTY, List.of()),
                new Item(TOKEN, Bytes.EMPTY, Bytes.EMPTY, -1, Bytes.EMPTY, List.of(BOB, v6)))) {
            for (GetItem get : List.of(new GetItem(mutable.target(), -1), new GetItem(mutable.target(), 3))) {
                Envelope atBob = exchange(alice, bob, new Envelope(2, ALICE, BOB.address(), get), ALICE.address());
                assertThat(atBob.body()).isEqualTo(get);
                Message back = exchange(bob, alice, new Envelope(atBob.txId(), BOB, ALICE.address(), item), BOB.address()).body();
                assertThat(back).isEqualTo(item);
            }
        }
    }

    /**
     * A peer's put whose value has unsorted keys is accepted as a message (BEP 5: be liberal) but
     * re-encoded canonically, so the signature over the bytes it sent fails: refused as libtorrent does.
     */
    @Test
    void aValueWithUnsortedKeysNoLongerMatchesItsSignature() throws Exception {
        Bytes unsorted = Bytes.wrapOwned(ascii("d1:bi2e1:ai1ee"));
        Bytes sig = Bep44Items.sign(signer, Bytes.EMPTY, 1, unsorted);
        byte[] put = concat(ascii("d1:ad2:id20:abcdefghij01234567891:k32:"), signer.publicKey().toArray(),
                ascii("3:seqi1e3:sig64:"), sig.toArray(), ascii("5:token3:tok1:v"), unsorted.toArray(),
                ascii("e1:q3:put1:t2:aa1:y1:qe"));

        PutItem decoded = (PutItem) bob.decode(put, 0, put.length, ALICE.address(), BOB.address()).body();

        assertThat(decoded.value()).isEqualTo(Bytes.wrapOwned(ascii("d1:ai1e1:bi2ee")));
        assertThat(decoded.signatureVerifies()).isFalse();
    }

    /** BEP 44: a value over 1000 bytes is answered 205, not dropped; the answer names the query's transaction. */
    @Test
    void aValueOver1000BytesIsAnswered205() throws Exception {
        byte[] put = ascii("d1:ad2:id20:abcdefghij01234567895:token3:tok1:v1000:" + "x".repeat(1000)
                + "e1:q3:put1:t2:aa1:y1:qe");

        Envelope query = bob.decode(put, 0, put.length, ALICE.address(), BOB.address());

        assertThat(query.body()).isEqualTo(new OversizedPutItem(ErrorCode.VALUE_TOO_BIG, 1005));
        assertThat(refusal(query)).isEqualTo("d1:eli205e37:message (v field) too big: 1005 bytese1:t2:aa1:y1:ee");
    }

    /** BEP 44: a mutable put's salt over 64 bytes is answered 207; 64 bytes is a put. */
    @Test
    void aSaltOver64BytesIsAnswered207() throws Exception {
        Envelope query = bob.decode(mutablePut(65), 0, mutablePut(65).length, ALICE.address(), BOB.address());

        assertThat(query.body()).isEqualTo(new OversizedPutItem(ErrorCode.SALT_TOO_BIG, 65));
        assertThat(refusal(query)).isEqualTo("d1:eli207e28:salt field too big: 65 bytese1:t2:aa1:y1:ee");
        assertThat(bob.decode(mutablePut(64), 0, mutablePut(64).length, ALICE.address(), BOB.address()).body())
                .isInstanceOf(PutItem.class);
    }

    private byte[] mutablePut(int saltBytes) {
        Bytes salt = Bytes.ofUtf8("s".repeat(saltBytes));
        return concat(ascii("d1:ad2:id20:abcdefghij01234567891:k32:"), signer.publicKey().toArray(),
                ascii("4:salt" + saltBytes + ":"), salt.toArray(), ascii("3:seqi1e3:sig64:"),
                Bep44Items.sign(signer, Bytes.EMPTY, 1, HELLO).toArray(), ascii("5:token3:tok1:v"), HELLO.toArray(),
                ascii("e1:q3:put1:t2:aa1:y1:qe"));
    }

    /** The bytes bob answers {@code query} with when the storing side refuses it with the violation it carries. */
    private static String refusal(Envelope query) {
        OversizedPutItem put = (OversizedPutItem) query.body();
        KrpcWireCodec quiet = new KrpcWireCodec(KrpcConfig.defaults().withVersion(Bytes.EMPTY));
        return new String(quiet.encode(new Envelope(query.txId(), BOB, query.sender().address(),
                ErrorReply.of(put.violation(), put.detail()))), StandardCharsets.ISO_8859_1);
    }

    private static Envelope exchange(KrpcWireCodec from, KrpcWireCodec to, Envelope envelope, Address source)
            throws MalformedMessageException {
        byte[] data = from.encode(envelope);
        assertThat(from.encodedLength(envelope)).isEqualTo(data.length);
        return to.decode(data, 0, data.length, source, envelope.recipient());
    }
}
