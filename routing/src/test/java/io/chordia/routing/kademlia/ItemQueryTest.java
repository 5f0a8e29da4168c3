package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Item;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A get believes only an answer that verifies: forged values, keys and signatures are what it must catch. */
class ItemQueryTest {
    private final RecordSigner signer = RecordSigner.generate(new SplittableRandom(1));
    private final RecordSigner other = RecordSigner.generate(new SplittableRandom(2));
    private final Bytes salt = Bytes.ofUtf8("salt");
    private final Bytes v = Bytes.ofUtf8("5:hello");

    private Item signedBy(RecordSigner by, long seq, Bytes value, long signedSeq) {
        return new Item(Bytes.EMPTY, value, by.publicKey(), seq, Bep44Items.sign(by, salt, signedSeq, value), List.of());
    }

    @Test
    void anImmutableAnswerMustHashToTheTarget() {
        ItemQuery query = ItemQuery.immutable(Bep44Items.immutableTarget(v));

        assertThat(query.accepts(new Item(Bytes.EMPTY, v, Bytes.EMPTY, -1, Bytes.EMPTY, List.of()))).isTrue();
        assertThat(query.accepts(new Item(Bytes.EMPTY, Bytes.ofUtf8("5:hellp"), Bytes.EMPTY, -1, Bytes.EMPTY, List.of())))
                .isFalse();
        assertThat(query.accepts(signedBy(signer, 1, v, 1))).as("a mutable answer to an immutable get").isFalse();
    }

    @Test
    void aMutableAnswerMustBeSignedByTheKeyOverTheSaltAndItsSeq() {
        ItemQuery query = ItemQuery.mutable(signer.publicKey(), salt);

        assertThat(query.accepts(signedBy(signer, 3, v, 3))).isTrue();
        assertThat(query.accepts(signedBy(other, 3, v, 3))).as("another key").isFalse();
        assertThat(query.accepts(signedBy(signer, Long.MAX_VALUE, v, 3))).as("a seq raised after signing").isFalse();
        Item good = signedBy(signer, 3, v, 3);
        assertThat(query.accepts(new Item(Bytes.EMPTY, Bytes.ofUtf8("5:evil!"), good.publicKey(), 3, good.signature(),
                List.of()))).as("another value").isFalse();
        assertThat(ItemQuery.mutable(signer.publicKey(), Bytes.EMPTY).accepts(good)).as("another salt").isFalse();
        assertThat(query.accepts(new Item(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, -1, Bytes.EMPTY, List.of())))
                .as("no value").isFalse();
    }
}
