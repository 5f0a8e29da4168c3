package io.chordia.sim.world;

import io.chordia.core.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The global oracle: which nodes are up and joined, by id. Answers who is responsible for a key
 * (Chord: its successor; Kademlia: the XOR-closest id) and picks random members. Control thread only.
 */
public final class Membership {
    private final TreeMap<NodeId, Peer> live = new TreeMap<>();
    /** Members in join order, for O(1) random picks; removal swaps the last into the hole. */
    private final List<Peer> order = new ArrayList<>();
    private final Map<NodeId, Integer> position = new java.util.HashMap<>();

    public void add(Peer peer) {
        NodeId id = peer.node().self().id();
        if (live.putIfAbsent(id, peer) == null) {
            position.put(id, order.size());
            order.add(peer);
        }
    }

    public void remove(Peer peer) {
        NodeId id = peer.node().self().id();
        if (live.remove(id) == null) {
            return;
        }
        int at = position.remove(id);
        Peer last = order.remove(order.size() - 1);
        if (at < order.size()) {
            order.set(at, last);
            position.put(last.node().self().id(), at);
        }
    }

    public boolean contains(Peer peer) {
        return live.get(peer.node().self().id()) == peer;
    }

    public int size() {
        return order.size();
    }

    public Peer random(RandomGenerator random) {
        return order.get(random.nextInt(order.size()));
    }

    /** Members in id order. */
    public List<Peer> inIdOrder() {
        return new ArrayList<>(live.values());
    }

    /** Chord's responsible node: the first id at or after {@code key}, wrapping round. */
    public Peer successorOf(NodeId key) {
        Map.Entry<NodeId, Peer> e = live.ceilingEntry(key);
        return (e != null ? e : live.firstEntry()).getValue();
    }

    /**
     * Kademlia's responsible node: the XOR-closest id. Ids sharing the longest prefix with the key
     * form a contiguous range of the sorted map; the closest is in the longest non-empty one.
     */
    public Peer xorClosest(NodeId key) {
        for (int prefix = Math.min(NodeId.BITS, 2 * (64 - Long.numberOfLeadingZeros(live.size())) + 8); ; prefix--) {
            Map<NodeId, Peer> range = live.subMap(key.withLowBits(prefix, false), true, key.withLowBits(prefix, true), true);
            if (!range.isEmpty() || prefix == 0) {
                Peer best = null;
                NodeId bestDistance = null;
                for (Map.Entry<NodeId, Peer> e : range.entrySet()) {
                    NodeId d = e.getKey().xor(key);
                    if (bestDistance == null || d.compareTo(bestDistance) < 0) {
                        best = e.getValue();
                        bestDistance = d;
                    }
                }
                if (best != null || prefix == 0) {
                    return best;
                }
            }
        }
    }

    /** The member XOR-closest to member {@code id} other than itself, or null when it is alone. */
    public Peer xorNearestOther(NodeId id) {
        for (int prefix = Math.min(NodeId.BITS, 2 * (64 - Long.numberOfLeadingZeros(live.size())) + 8); prefix >= 0; prefix--) {
            Map<NodeId, Peer> range = live.subMap(id.withLowBits(prefix, false), true, id.withLowBits(prefix, true), true);
            Peer best = null;
            NodeId bestDistance = null;
            for (Map.Entry<NodeId, Peer> e : range.entrySet()) {
                if (e.getKey().equals(id)) {
                    continue;
                }
                NodeId d = e.getKey().xor(id);
                if (bestDistance == null || d.compareTo(bestDistance) < 0) {
                    best = e.getValue();
                    bestDistance = d;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }
}
