package io.chordia.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A peer-set record on the wire: pinned bytes, and every truncation, mutation and inflated length
 * is dropped as malformed (never another exception) or decodes to a value that re-encodes exactly.
 */
class PeerSetWireTest {
    private static final long EXPIRY = 1_800_000_600L;
    /** Offset of the value's 4-byte length in the golden bytes: header 4, tx id 8, sender 27, record fields 61. */
    private static final int VALUE_LENGTH_AT = 4 + 8 + 27 + 20 + 1 + 8 + 20 + 4;

    private final KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);

    static Envelope envelope() {
        RecordSigner signer = RecordSigner.generate(new SplittableRandom(1));
        PeerSetEntry entry = PeerSetEntry.sign(signer, WireFixtures.KEY, Bytes.wrapOwned(new byte[] {(byte) 192, (byte) 168, 0, 7}),
                7001, 5, EXPIRY);
        DhtRecord record = DhtRecord.peerSet(WireFixtures.KEY, List.of(entry), EXPIRY - 600);
        return new Envelope(WireFixtures.TX_ID, WireFixtures.SENDER, WireFixtures.RECIPIENT,
                new StoreRecord(record, -1, Bytes.wrapOwned(new byte[] {0x0a, 0x0b})));
    }

    @Test
    void aStoredPeerSetEncodesToTheGoldenBytesAndBack() throws Exception {
        byte[] golden = golden();

        assertThat(HexFormat.of().formatHex(codec.encode(envelope()))).isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(codec.decode(golden, 0, golden.length, WireFixtures.RECIPIENT)).isEqualTo(envelope());
        assertThat(golden[VALUE_LENGTH_AT + 3]).isEqualTo((byte) 0x75);
    }

    @Test
    void everyTruncationIsDroppedAsMalformed() {
        byte[] golden = golden();
        for (int n = 0; n < golden.length; n++) {
            byte[] cut = Arrays.copyOf(golden, n);
            assertThatThrownBy(() -> codec.decode(cut, 0, cut.length, WireFixtures.RECIPIENT)).as("cut to %s", n)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void everyMutatedByteIsDroppedOrDecodesCanonically() {
        byte[] golden = golden();
        int dropped = 0;
        for (int i = 0; i < golden.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] mutated = golden.clone();
                mutated[i] ^= (byte) mask;
                try {
                    Envelope e = codec.decode(mutated, 0, mutated.length, WireFixtures.RECIPIENT);
                    assertThat(codec.encode(e)).as("byte %s ^ %s re-encodes", i, mask).isEqualTo(mutated);
                } catch (MalformedMessageException expected) {
                    dropped++;
                }
            }
        }
        assertThat(dropped).isPositive();
    }

    @Test
    void inflatedLengthsAndCountsAreDroppedBeforeAllocating() {
        byte[] golden = golden();
        byte[] valueBomb = golden.clone();
        valueBomb[VALUE_LENGTH_AT] = 0x7F;
        byte[] countBomb = golden.clone();
        countBomb[VALUE_LENGTH_AT + 5] = (byte) 0xFF;
        byte[] padded = Arrays.copyOf(golden, golden.length + 40 * 111);
        padded[VALUE_LENGTH_AT + 5] = 41;

        assertThatThrownBy(() -> codec.decode(valueBomb, 0, valueBomb.length, WireFixtures.RECIPIENT))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> assertThat(((MalformedMessageException) e).reason()).isEqualTo(DropReason.MALFORMED));
        for (byte[] bad : List.of(countBomb, padded)) {
            assertThatThrownBy(() -> codec.decode(bad, 0, bad.length, WireFixtures.RECIPIENT))
                    .isInstanceOf(MalformedMessageException.class).hasMessageContaining("invalid field");
        }
    }

    private static byte[] golden() {
        return WireFixtures.golden("golden/StoreRecord-PeerSet.hex");
    }
}
