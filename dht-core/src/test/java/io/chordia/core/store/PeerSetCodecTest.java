package io.chordia.core.store;

import static io.chordia.core.store.PeerSetFixtures.NOW;
import static io.chordia.core.store.PeerSetFixtures.entry;
import static io.chordia.core.store.PeerSetFixtures.signer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peer-set value format: pinned bytes, and hostile values refused with IllegalArgumentException only. */
class PeerSetCodecTest {
    private static final String SIGNER = "4bb675de4f6376ab61737033d701560e4434be1d6736562ae29b8835b763cd24";
    private static final String SIGNATURE = "d491b86506d3687be3c93365f2f7b790a1882c5c5e7917d8636b1cf0d36fa4e0"
            + "d2445e1f4c7df876805019233231c29e271c38194fc21b65cdbfaffb777c980e";

    @Test
    void oneIpv4EntryEncodesToThePinnedBytes() {
        Bytes value = PeerSetCodec.encode(List.of(entry(signer(1), 5, NOW + 600)));

        String golden = "01" + "01" // format, count
                + SIGNER
                + "04" + "c0a80007" + "1b59" // 192.168.0.7:7001
                + "0000000000000005" // sequence
                + "6b49d458" // expiry, epoch seconds
                + SIGNATURE;
        assertThat(value.toHex()).isEqualTo(golden);
        assertThat(PeerSetCodec.decode(value)).containsExactly(entry(signer(1), 5, NOW + 600));
    }

    @Test
    void entriesAreEncodedInSignerOrderWhateverOrderTheyCameIn() {
        List<PeerSetEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(PeerSetEntry.sign(signer(10 + i), PeerSetFixtures.KEY, Bytes.wrapOwned(new byte[16]), 65535, 1 + i,
                    NOW + i));
        }
        Bytes forward = PeerSetCodec.encode(entries);
        List<PeerSetEntry> reversed = new ArrayList<>(entries);
        java.util.Collections.reverse(reversed);
        Bytes backward = PeerSetCodec.encode(reversed);

        assertThat(backward).isEqualTo(forward);
        assertThat(PeerSetCodec.decode(forward)).containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void aSignerTwiceOrTooManyEntriesCannotBeEncoded() {
        assertThatThrownBy(() -> PeerSetCodec.encode(List.of(entry(signer(1), 1, NOW), entry(signer(1), 2, NOW))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        List<PeerSetEntry> many = new ArrayList<>();
        PeerSetEntry one = entry(signer(1), 1, NOW);
        for (int i = 0; i <= PeerSetCodec.MAX_ENTRIES; i++) {
            many.add(one);
        }
        assertThatThrownBy(() -> PeerSetCodec.encode(many)).hasMessageContaining("at most");
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] full = twoEntries().toArray();
        for (int n = 0; n < full.length; n++) {
            Bytes cut = Bytes.copyOf(full, 0, n);
            assertThatThrownBy(() -> PeerSetCodec.decode(cut)).as("cut to %s bytes", n).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyMutatedByteIsRefusedOrBreaksTheSignature() {
        byte[] full = twoEntries().toArray();
        for (int i = 0; i < full.length; i++) {
            byte[] mutated = full.clone();
            mutated[i] ^= (byte) 0x5A;
            List<PeerSetEntry> decoded;
            try {
                decoded = PeerSetCodec.decode(Bytes.wrapOwned(mutated));
            } catch (IllegalArgumentException refused) {
                continue;
            }
            assertThat(decoded.stream().allMatch(e -> e.verifies(PeerSetFixtures.KEY))).as("byte %s mutated", i).isFalse();
        }
    }

    @Test
    void aCountPastTheBytesPresentIsRefusedBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> PeerSetCodec.decode(Bytes.wrapOwned(new byte[] {1, (byte) 255})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claimed");
        byte[] bomb = new byte[2 + (PeerSetCodec.MAX_ENTRIES + 1) * PeerSetCodec.MIN_ENTRY_BYTES];
        bomb[0] = 1;
        bomb[1] = (byte) (PeerSetCodec.MAX_ENTRIES + 1);
        assertThatThrownBy(() -> PeerSetCodec.decode(Bytes.wrapOwned(bomb))).hasMessageContaining("claimed");
    }

    @Test
    void unsortedRepeatedTrailingOrUnknownFormatsAreRefused() {
        byte[] two = twoEntries().toArray();
        int half = (two.length - 2) / 2;
        byte[] swapped = two.clone();
        System.arraycopy(two, 2 + half, swapped, 2, half);
        System.arraycopy(two, 2, swapped, 2 + half, half);
        byte[] repeated = two.clone();
        System.arraycopy(two, 2, repeated, 2 + half, half);
        byte[] trailing = java.util.Arrays.copyOf(two, two.length + 1);
        byte[] format2 = two.clone();
        format2[0] = 2;
        for (byte[] bad : List.of(swapped, repeated, trailing, format2)) {
            assertThatThrownBy(() -> PeerSetCodec.decode(Bytes.wrapOwned(bad))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Bytes twoEntries() {
        return PeerSetCodec.encode(List.of(entry(signer(1), 5, NOW + 600), entry(signer(2), 9, NOW + 60)));
    }
}
