package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.routing.kademlia.KademliaNode;
import java.util.List;

/**
 * Kademlia's replicas are the N nodes XOR-closest to a key. Placement questions go to a lookup
 * (as with {@link ReplicaPlacement#NONE}); this node's own contacts only decide who is a replica
 * neighbour ({@link ReplicaNeighbours}): among the contacts closest to the key that this node
 * knows, itself counted.
 */
public final class KademliaPlacement implements ReplicaPlacement {
    private final KademliaNode node;

    public KademliaPlacement(KademliaNode node) {
        this.node = node;
    }

    @Override
    public List<Contact> localReplicas(NodeId key, int n) {
        return List.of();
    }

    @Override
    public boolean isReplicaNeighbour(NodeId key, Address source, int n) {
        List<Contact> nearest = node.closestWithSelf(key, ReplicaNeighbours.window(n));
        return ReplicaNeighbours.among(nearest, node.self().id(), source, n);
    }
}
