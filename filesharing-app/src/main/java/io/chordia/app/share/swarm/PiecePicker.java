package io.chordia.app.share.swarm;

import java.util.Arrays;
import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * Chooses which piece to start next: the rarest among the connected peers' bitfields, ties broken
 * at random so fetchers of the same seeders spread out. The order is rebuilt only when
 * availability changes (a peer joins or leaves); picking walks it from a cursor, so a whole fetch
 * costs O(pieces) per availability change, not per pick. Confined to the fetch's node thread.
 */
final class PiecePicker {
    private static final byte NEEDED = 0;
    private static final byte TAKEN = 1;
    private static final byte HAVE = 2;

    private final byte[] state;
    private final int[] availability;
    private final RandomGenerator random;
    private final PiecePolicy policy;
    private int[] order = new int[0];
    private boolean dirty = true;
    private int cursor;
    private int needed;
    private int have;

    PiecePicker(int pieces, BitSet alreadyHave, RandomGenerator random) {
        this(pieces, alreadyHave, random, PiecePolicy.RAREST);
    }

    PiecePicker(int pieces, BitSet alreadyHave, RandomGenerator random, PiecePolicy policy) {
        this.policy = policy;
        this.state = new byte[pieces];
        this.availability = new int[pieces];
        this.random = random;
        for (int i = 0; i < pieces; i++) {
            state[i] = alreadyHave.get(i) ? HAVE : NEEDED;
        }
        this.have = alreadyHave.cardinality();
        this.needed = pieces - have;
    }

    void addPeer(BitSet bits) {
        for (int i = bits.nextSetBit(0); i >= 0 && i < availability.length; i = bits.nextSetBit(i + 1)) {
            availability[i]++;
        }
        dirty = true;
    }

    void removePeer(BitSet bits) {
        for (int i = bits.nextSetBit(0); i >= 0 && i < availability.length; i = bits.nextSetBit(i + 1)) {
            availability[i]--;
        }
        dirty = true;
    }

    /** A connected peer announced one more piece. */
    void peerHas(int piece) {
        availability[piece]++;
        dirty = true;
    }

    /** The rarest needed piece {@code peer} has, now taken; or -1. */
    int pick(BitSet peer) {
        if (needed == 0) {
            return -1;
        }
        if (dirty) {
            rebuild();
        }
        while (cursor < order.length && state[order[cursor]] != NEEDED) {
            cursor++;
        }
        for (int i = cursor; i < order.length; i++) {
            int p = order[i];
            if (state[p] == NEEDED && peer.get(p)) {
                state[p] = TAKEN;
                needed--;
                return p;
            }
        }
        return -1;
    }

    /** A taken piece goes back to needed (its fetch failed or its peer went away). */
    void release(int piece) {
        if (state[piece] == TAKEN) {
            state[piece] = NEEDED;
            needed++;
            cursor = 0;
        }
    }

    void markHave(int piece) {
        if (state[piece] == NEEDED) {
            needed--;
        }
        if (state[piece] != HAVE) {
            state[piece] = HAVE;
            have++;
        }
    }

    boolean has(int piece) {
        return state[piece] == HAVE;
    }

    int neededCount() {
        return needed;
    }

    boolean complete() {
        return have == state.length;
    }

    int availability(int piece) {
        return availability[piece];
    }

    private void rebuild() {
        // (availability, random tag, piece) packed in a long: one primitive sort, no boxing. RANDOM leaves
        // availability out, SEQUENTIAL both.
        long[] keys = new long[state.length];
        int n = 0;
        for (int i = 0; i < state.length; i++) {
            if (state[i] != HAVE && availability[i] > 0) {
                long rarity = policy == PiecePolicy.RAREST ? Math.min(availability[i], 0x7FFF) : 0;
                long tag = policy == PiecePolicy.SEQUENTIAL ? 0 : random.nextInt(1 << 21);
                keys[n++] = (rarity << 42) | (tag << 21) | i;
            }
        }
        Arrays.sort(keys, 0, n);
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & ((1 << 21) - 1));
        }
        cursor = 0;
        dirty = false;
    }
}
