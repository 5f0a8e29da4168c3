package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * Where a key's replicas are, as far as this node can tell from its own neighbours without a
 * lookup. Called on the node thread.
 */
@FunctionalInterface
public interface ReplicaPlacement {
    /** The {@code n} replicas of {@code key} (possibly including this node), or an empty list when unsure. */
    List<Contact> localReplicas(NodeId key, int n);

    /**
     * Whether a store of {@code key} from {@code source} (the datagram's address, which the write
     * token has proved) is a replica neighbour's repair or hand-off, which no quota charges: this
     * node and the node at {@code source} are both among the key's nearest nodes as this node sees
     * them, this node one of its {@code n} replicas (see {@link ReplicaNeighbours} for the slack).
     * Decided from this node's own view, never from anything the sender says. False when unsure:
     * the store is charged to its source like any other.
     */
    default boolean isReplicaNeighbour(NodeId key, Address source, int n) {
        return false;
    }

    /**
     * The nodes nearest this node as it sees them now, at most {@code perSide} on each side where
     * the protocol has sides (Chord's predecessors and successors), else the {@code 2 * perSide}
     * nearest (Kademlia's closest contacts to its own id): whom it shares records with. A node that
     * drops out of a wider such view has most likely departed ({@link DepartureWatch}). Empty where
     * the protocol cannot tell.
     */
    default List<Contact> neighbourhood(int perSide) {
        return List.of();
    }

    /**
     * A storage request to {@code replica}, one of this placement's answers, failed: a placement
     * that answers from a routing table counts it, so a departed node stops being named a replica.
     */
    default void requestFailed(Contact replica, Throwable failure) {}

    /** How the protocol ranks nodes by nearness to a key: XOR unless the placement says otherwise. */
    default KeyDistance distance() {
        return KeyDistance.XOR;
    }

    /** Always unsure: every placement question becomes a lookup. */
    ReplicaPlacement NONE = (key, n) -> List.of();
}
