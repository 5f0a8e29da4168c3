package io.chordia.app.share.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PiecePickerTest {
    private static BitSet bits(int n, int... set) {
        BitSet b = new BitSet(n);
        if (set.length == 0) {
            b.set(0, n);
        }
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    @Test
    void theRarestPieceComesFirstAndAHeldPieceNever() {
        PiecePicker picker = new PiecePicker(6, bits(6, 0), new SplittableRandom(1));
        picker.addPeer(bits(6));
        picker.addPeer(bits(6, 1, 2, 3, 4));
        picker.addPeer(bits(6, 1, 2, 3));
        // availability: 1→3, 2→3, 3→3, 4→2, 5→1; piece 0 is held already
        BitSet everything = bits(6);
        assertThat(picker.pick(everything)).isEqualTo(5);
        assertThat(picker.pick(everything)).isEqualTo(4);
        assertThat(picker.pick(everything)).isIn(1, 2, 3);
        assertThat(picker.neededCount()).isEqualTo(2);
    }

    @Test
    void aReleasedPieceCanBePickedAgainAndOnlyPiecesThePeerHasArePicked() {
        PiecePicker picker = new PiecePicker(3, new BitSet(), new SplittableRandom(2));
        picker.addPeer(bits(3));
        assertThat(picker.pick(bits(3, 1))).isEqualTo(1);
        assertThat(picker.pick(bits(3, 1))).isEqualTo(-1);
        picker.release(1);
        assertThat(picker.pick(bits(3, 1))).isEqualTo(1);
        picker.markHave(1);
        assertThat(picker.complete()).isFalse();
        picker.markHave(0);
        picker.markHave(2);
        assertThat(picker.complete()).isTrue();
        assertThat(picker.pick(bits(3))).isEqualTo(-1);
    }

    @Test
    void aPieceNoConnectedPeerHasIsNotPicked() {
        PiecePicker picker = new PiecePicker(2, new BitSet(), new SplittableRandom(3));
        BitSet onlyZero = bits(2, 0);
        picker.addPeer(onlyZero);
        assertThat(picker.pick(bits(2))).isEqualTo(0);
        assertThat(picker.pick(bits(2))).isEqualTo(-1);
        picker.removePeer(onlyZero);
        picker.addPeer(bits(2));
        assertThat(picker.pick(bits(2))).isEqualTo(1);
    }
}
