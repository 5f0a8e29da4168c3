package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * The rule both placements apply to their own view of a key's nearest nodes: a store comes from a
 * replica neighbour when this node is one of the key's n replicas and the sender another, or the
 * node just past them (it hands the key off when a newcomer pushes it out of the set). One node
 * of slack on each side: the sender may not yet know of a newcomer that pushed this node out of
 * the set, or this node of one that pushed the sender out.
 */
final class ReplicaNeighbours {
    private ReplicaNeighbours() {}

    /** How many of a key's nearest nodes {@link #among} needs: the n replicas and two past them. */
    static int window(int n) {
        return n + 2;
    }

    /**
     * Whether {@code self} is among the first n + 1 of {@code nearest} (a key's nearest nodes in
     * order, {@link #window} of them) and another node of {@code nearest} is at {@code source}.
     */
    static boolean among(List<Contact> nearest, NodeId self, Address source, int n) {
        return among(nearest, self, n + 1, source, nearest.size());
    }

    /**
     * Whether {@code self} is among the first {@code selfWithin} of {@code nearest} (a key's nearest
     * nodes in order) and another node of its first {@code sourceWithin} is at {@code source}.
     */
    static boolean among(List<Contact> nearest, NodeId self, int selfWithin, Address source, int sourceWithin) {
        boolean replica = false;
        boolean fromNeighbour = false;
        for (int i = 0; i < nearest.size(); i++) {
            Contact c = nearest.get(i);
            boolean isSelf = c.id().equals(self);
            replica |= isSelf && i < selfWithin;
            fromNeighbour |= !isSelf && i < sourceWithin && c.address().equals(source);
        }
        return replica && fromNeighbour;
    }
}
