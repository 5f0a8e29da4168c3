package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcTimeoutException;
import io.chordia.routing.kademlia.KademliaNode;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Kademlia's replicas are the N nodes XOR-closest to a key. This node's own contacts answer for
 * the keys near it ({@link #localReplicas}) and decide who is a replica neighbour
 * ({@link ReplicaNeighbours}): among the contacts closest to the key that this node knows, itself counted.
 */
public final class KademliaPlacement implements ReplicaPlacement {
    private final KademliaNode node;

    public KademliaPlacement(KademliaNode node) {
        this.node = node;
    }

    /**
     * The n contacts nearest the key, this node counted, when this node is one of them: a node
     * knows its own neighbourhood best (its deepest buckets are full of it), so for the keys it
     * replicates its table answers as a lookup would. Unsure, and a lookup decides, for any other key.
     */
    @Override
    public List<Contact> localReplicas(NodeId key, int n) {
        List<Contact> nearest = node.closestWithSelf(key, n);
        return nearest.size() == n && nearest.stream().anyMatch(c -> c.id().equals(node.self().id())) ? nearest : List.of();
    }

    @Override
    public List<Contact> neighbourhood(int perSide) {
        return node.closestWithSelf(node.self().id(), 2 * perSide + 1).stream()
                .filter(c -> !c.id().equals(node.self().id())).toList();
    }

    @Override
    public void requestFailed(Contact replica, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        // Only silence says the node is gone: a node that holds no records answers storage requests UNSUPPORTED, and stays a contact.
        if (cause instanceof RpcTimeoutException) {
            node.requestFailed(replica, cause);
        }
    }

    @Override
    public boolean isReplicaNeighbour(NodeId key, Address source, int n) {
        List<Contact> nearest = node.closestWithSelf(key, ReplicaNeighbours.window(n));
        return ReplicaNeighbours.among(nearest, node.self().id(), source, n);
    }
}
