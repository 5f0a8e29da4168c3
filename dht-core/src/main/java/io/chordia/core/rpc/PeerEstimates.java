package io.chordia.core.rpc;

import io.chordia.core.net.Address;
import java.util.Arrays;

/**
 * {@link RoundTripTimes}' per-peer records, as a {@code LinkedHashMap} in access order with a
 * capacity would keep them (a read or write of a peer makes it the most recent; past capacity the
 * least recent is forgotten), in flat arrays: every node of a simulation holds up to 256 of them,
 * and a {@code LinkedHashMap} spent about 95 bytes on each (an entry object and an estimate object)
 * where these arrays spend 56, and read them with fewer cache misses. Slot {@code s}'s numbers are
 * {@code data[s * FIELDS + field]}. Node thread only.
 */
final class PeerEstimates {
    static final int SRTT = 0;
    static final int RTTVAR = 1;
    static final int SAMPLES = 2;
    static final int LAST = 3;
    private static final int FIELDS = 4;
    private static final int NONE = -1;

    private final int capacity;
    private Address[] peers = new Address[8];
    private int[] hashes = new int[8];
    private long[] data = new long[8 * FIELDS];
    /** Per slot, the next older and next newer slot in access order, or NONE. */
    private int[] older = new int[8];
    private int[] newer = new int[8];
    /** Open addressing by the peer's hash, linear probing: slot + 1, 0 when free. */
    private int[] table = new int[16];
    private int size;
    private int oldest = NONE;
    private int newest = NONE;

    PeerEstimates(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    long get(int slot, int field) {
        return data[slot * FIELDS + field];
    }

    void set(int slot, int field, long value) {
        data[slot * FIELDS + field] = value;
    }

    /** The slot of {@code peer} without counting as a use, or NONE. */
    int peek(Address peer) {
        int i = find(peer);
        return i == NONE ? NONE : table[i] - 1;
    }

    /** The slot of {@code peer}, now the most recently used, or NONE. */
    int use(Address peer) {
        int slot = peek(peer);
        if (slot != NONE) {
            moveToNewest(slot);
        }
        return slot;
    }

    /**
     * The slot of {@code peer}, now the most recently used; a new peer gets zeroed numbers and, at
     * capacity, the slot of the least recently used, which is forgotten.
     */
    int useOrAdd(Address peer) {
        int slot = use(peer);
        if (slot != NONE) {
            return slot;
        }
        if (size == capacity) {
            slot = oldest;
            unlink(slot);
            removeFromTable(slot);
        } else {
            slot = size++;
            ensureSlots(size);
        }
        peers[slot] = peer;
        hashes[slot] = peer.hashCode();
        Arrays.fill(data, slot * FIELDS, slot * FIELDS + FIELDS, 0L);
        linkNewest(slot);
        insertIntoTable(slot);
        return slot;
    }

    /** The table index holding {@code peer}, or NONE. */
    private int find(Address peer) {
        int hash = peer.hashCode();
        int mask = table.length - 1;
        for (int i = home(hash, mask); ; i = (i + 1) & mask) {
            int entry = table[i];
            if (entry == 0) {
                return NONE;
            }
            int slot = entry - 1;
            if (hashes[slot] == hash && (peers[slot] == peer || peers[slot].equals(peer))) {
                return i;
            }
        }
    }

    private static int home(int hash, int mask) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void insertIntoTable(int slot) {
        int mask = table.length - 1;
        int i = home(hashes[slot], mask);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slot + 1;
    }

    /** Backward-shift deletion, so no tombstones build up (as in {@code LongKeyedMap}). */
    private void removeFromTable(int slot) {
        int mask = table.length - 1;
        int hole = find(peers[slot]);
        int i = hole;
        while (true) {
            table[hole] = 0;
            int entry;
            do {
                i = (i + 1) & mask;
                entry = table[i];
                if (entry == 0) {
                    return;
                }
            } while (cyclicallyWithin(hole, home(hashes[entry - 1], mask), i));
            table[hole] = entry;
            hole = i;
        }
    }

    /** True when {@code home} lies in the cyclic interval (hole, i]. */
    private static boolean cyclicallyWithin(int hole, int home, int i) {
        return hole <= i ? hole < home && home <= i : hole < home || home <= i;
    }

    private void ensureSlots(int needed) {
        if (needed <= peers.length) {
            return;
        }
        int n = Math.min(capacity, peers.length * 2);
        peers = Arrays.copyOf(peers, n);
        hashes = Arrays.copyOf(hashes, n);
        data = Arrays.copyOf(data, n * FIELDS);
        older = Arrays.copyOf(older, n);
        newer = Arrays.copyOf(newer, n);
        if (table.length < 2 * n) {
            table = new int[Integer.highestOneBit(2 * n - 1) << 1];
            for (int s = 0; s < size - 1; s++) { // the slot being added goes in after
                insertIntoTable(s);
            }
        }
    }

    private void moveToNewest(int slot) {
        if (slot != newest) {
            unlink(slot);
            linkNewest(slot);
        }
    }

    private void unlink(int slot) {
        int o = older[slot];
        int n = newer[slot];
        if (o == NONE) {
            oldest = n;
        } else {
            newer[o] = n;
        }
        if (n == NONE) {
            newest = o;
        } else {
            older[n] = o;
        }
    }

    private void linkNewest(int slot) {
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest == NONE) {
            oldest = slot;
        } else {
            newer[newest] = slot;
        }
        newest = slot;
    }
}
