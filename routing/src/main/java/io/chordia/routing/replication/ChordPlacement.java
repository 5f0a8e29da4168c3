package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.routing.chord.ChordNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Chord's successor-list replication: a key's replicas are its successor and the next n-1
 * nodes. A node knows them for the keys that fall between its farthest known predecessor and
 * its successors, which covers every record it should hold.
 *
 * <p>Replica neighbours by {@link ReplicaNeighbours}, with this node a replica anywhere in the
 * window and one node past it (two nodes of slack more than Kademlia's, see {@link #isReplicaNeighbour}). Where this
 * node's arc does not reach the key: anyone while its predecessor list is not yet full (a
 * newcomer's first seconds), else any node of its successor or predecessor list.
 */
public final class ChordPlacement implements ReplicaPlacement {
    private final ChordNode node;

    public ChordPlacement(ChordNode node) {
        this.node = node;
    }

    @Override
    public KeyDistance distance() {
        return KeyDistance.CLOCKWISE;
    }

    @Override
    public List<Contact> localReplicas(NodeId key, int n) {
        List<Contact> preds = node.predecessors();
        List<Contact> succs = node.successors();
        // The known stretch of the ring, in order: farthest predecessor ... self ... last successor.
        List<Contact> arc = new ArrayList<>(preds.size() + 1 + succs.size());
        for (int i = preds.size() - 1; i >= 0; i--) {
            arc.add(preds.get(i));
        }
        arc.add(node.self());
        arc.addAll(succs);
        for (int i = 1; i < arc.size(); i++) {
            if (key.isInOpenClosed(arc.get(i - 1).id(), arc.get(i).id())) {
                return i + n <= arc.size() ? List.copyOf(arc.subList(i, i + n)) : List.of();
            }
        }
        return List.of();
    }

    @Override
    public List<Contact> neighbourhood(int perSide) {
        List<Contact> preds = node.predecessors();
        List<Contact> succs = node.successors();
        List<Contact> near = new ArrayList<>(preds.subList(0, Math.min(perSide, preds.size())));
        near.addAll(succs.subList(0, Math.min(perSide, succs.size())));
        return near;
    }

    @Override
    public boolean isReplicaNeighbour(NodeId key, Address source, int n) {
        // The sender must be among the key's window(n) nearest, so no source reaches more nodes;
        // this node counts itself a replica up to two nodes further than ReplicaNeighbours allows.
        // Past its first entry a Chord node's predecessor list is refreshed only when it checks its
        // predecessor (and kept as it was while that predecessor has just joined and lists no one),
        // so under churn a receiver may list two nodes before a key that its sender no longer does:
        // departed nodes, whose records the sender's reactive repair pushes within a second of
        // noticing, long before the receiver's next check (QuotaSimTest, Chord seed 2).
        int window = ReplicaNeighbours.window(n);
        List<Contact> nearest = localReplicas(key, window + 1);
        if (!nearest.isEmpty()) {
            return ReplicaNeighbours.among(nearest, node.self().id(), window + 1, source, window);
        }
        // The known arc does not reach the key. A newcomer knows one predecessor until its first
        // check of it (seconds), while the nodes before that one already push it the records it
        // now replicates: it cannot tell them from anyone, so it takes them uncharged. Once the
        // list is full, only the ring neighbours it knows.
        if (node.predecessors().size() < node.config().predecessorListLength()) {
            return true;
        }
        return at(node.successors(), source) || at(node.predecessors(), source);
    }

    private static boolean at(List<Contact> contacts, Address source) {
        for (Contact c : contacts) {
            if (c.address().equals(source)) {
                return true;
            }
        }
        return false;
    }
}
