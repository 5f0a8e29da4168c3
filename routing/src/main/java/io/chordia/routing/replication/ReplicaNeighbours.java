package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.List;

/** The rule both placements share for recognising a replica neighbour from their own view of a key. */
final class ReplicaNeighbours {
    private ReplicaNeighbours() {}

    /**
     * Whether {@code self} is among the first {@code n} of {@code nearest} (a key's nodes in order,
     * n + 1 of them) and another node of {@code nearest} is at {@code source}.
     */
    static boolean among(List<Contact> nearest, NodeId self, Address source, int n) {
        boolean replica = false;
        boolean fromNeighbour = false;
        for (int i = 0; i < nearest.size(); i++) {
            Contact c = nearest.get(i);
            boolean isSelf = c.id().equals(self);
            replica |= isSelf && i < n;
            fromNeighbour |= !isSelf && c.address().equals(source);
        }
        return replica && fromNeighbour;
    }
}
