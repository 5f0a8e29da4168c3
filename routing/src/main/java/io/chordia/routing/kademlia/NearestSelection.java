package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * The {@code limit} contacts nearest a target by XOR among those offered, kept sorted as they
 * arrive. A lookup hop asks for 20 of maybe a hundred candidates: once the selection is full, most
 * candidates cost one comparison with the farthest kept, where sorting them all cost a dozen each.
 * Ids offered must be distinct (distinct ids have distinct distances, so the result does not depend
 * on the order of arrival). Reusable: {@link #reset} starts a new selection.
 */
final class NearestSelection {
    private Contact[] kept = new Contact[0];
    /**
     * The XOR distances of {@link #kept} to the target, as words: compared without a hop through
     * each contact and its id, and without XOR-ing the target again at every comparison.
     */
    private long[] keptHi = new long[0];
    private long[] keptMid = new long[0];
    private int[] keptLo = new int[0];
    private long targetHi;
    private long targetMid;
    private int targetLo;
    private int limit;
    private int size;

    /** Starts selecting the {@code limit} contacts nearest {@code target}. */
    NearestSelection reset(NodeId target, int limit) {
        this.targetHi = target.hiBits();
        this.targetMid = target.midBits();
        this.targetLo = target.loBits();
        this.limit = limit;
        this.size = 0;
        if (kept.length < limit) {
            kept = new Contact[limit];
            keptHi = new long[limit];
            keptMid = new long[limit];
            keptLo = new int[limit];
        }
        return this;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == limit;
    }

    /** The farthest contact kept; only when not empty. */
    Contact farthest() {
        return kept[size - 1];
    }

    /** Whether {@code id} would be kept if offered now. */
    boolean wouldKeep(NodeId id) {
        return wouldKeep(id.hiBits() ^ targetHi, id.midBits() ^ targetMid, id.loBits() ^ targetLo);
    }

    private boolean wouldKeep(long dHi, long dMid, int dLo) {
        return size < limit || (limit > 0 && nearer(dHi, dMid, dLo, size - 1));
    }

    /** Whether the distance (dHi, dMid, dLo) is below that of the contact kept at {@code i}. */
    private boolean nearer(long dHi, long dMid, int dLo, int i) {
        int c = Long.compareUnsigned(dHi, keptHi[i]);
        if (c == 0) {
            c = Long.compareUnsigned(dMid, keptMid[i]);
            if (c == 0) {
                c = Integer.compareUnsigned(dLo, keptLo[i]);
            }
        }
        return c < 0;
    }

    void offer(Contact c) {
        offer(c, c.id());
    }

    /** {@link #offer(Contact)} for a caller that holds the id already ({@code id} is {@code c.id()}). */
    void offer(Contact c, NodeId id) {
        offer(c, id.hiBits(), id.midBits(), id.loBits());
    }

    /** {@link #offer(Contact)} for a caller that holds the id's words ({@link NodeId#hiBits} and on). */
    void offer(Contact c, long idHi, long idMid, int idLo) {
        long dHi = idHi ^ targetHi;
        long dMid = idMid ^ targetMid;
        int dLo = idLo ^ targetLo;
        if (!wouldKeep(dHi, dMid, dLo)) {
            return;
        }
        int at = size == limit ? size - 1 : size;
        while (at > 0 && nearer(dHi, dMid, dLo, at - 1)) {
            kept[at] = kept[at - 1];
            keptHi[at] = keptHi[at - 1];
            keptMid[at] = keptMid[at - 1];
            keptLo[at] = keptLo[at - 1];
            at--;
        }
        kept[at] = c;
        keptHi[at] = dHi;
        keptMid[at] = dMid;
        keptLo[at] = dLo;
        if (size < limit) {
            size++;
        }
    }

    /** Appends what is kept, nearest first, to {@code out}, and forgets it. */
    void drainTo(List<Contact> out) {
        for (int i = 0; i < size; i++) {
            out.add(kept[i]);
            kept[i] = null;
        }
        size = 0;
    }
}
