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
    /** The ids of {@link #kept}, compared without a hop through each contact. */
    private NodeId[] keptIds = new NodeId[0];
    private NodeId target;
    private int limit;
    private int size;

    /** Starts selecting the {@code limit} contacts nearest {@code target}. */
    NearestSelection reset(NodeId target, int limit) {
        this.target = target;
        this.limit = limit;
        this.size = 0;
        if (kept.length < limit) {
            kept = new Contact[limit];
            keptIds = new NodeId[limit];
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
        return size < limit || (limit > 0 && target.compareXorDistances(id, keptIds[size - 1]) < 0);
    }

    void offer(Contact c) {
        offer(c, c.id());
    }

    /** {@link #offer(Contact)} for a caller that holds the id already ({@code id} is {@code c.id()}). */
    void offer(Contact c, NodeId id) {
        if (!wouldKeep(id)) {
            return;
        }
        int at = size == limit ? size - 1 : size;
        while (at > 0 && target.compareXorDistances(id, keptIds[at - 1]) < 0) {
            kept[at] = kept[at - 1];
            keptIds[at] = keptIds[at - 1];
            at--;
        }
        kept[at] = c;
        keptIds[at] = id;
        if (size < limit) {
            size++;
        }
    }

    /** Appends what is kept, nearest first, to {@code out}, and forgets it. */
    void drainTo(List<Contact> out) {
        for (int i = 0; i < size; i++) {
            out.add(kept[i]);
            kept[i] = null;
            keptIds[i] = null;
        }
        size = 0;
    }
}
