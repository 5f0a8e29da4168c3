package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Zave's invariants of a Chord network, checked over a global view (simulation only). A node's
 * <em>best successor</em> is the first entry of its successor list that is alive.
 * <ul>
 *   <li>AtLeastOneRing / AtMostOneRing: following best successors, there is exactly one cycle;
 *   <li>OrderedRing: the cycle visits its members in identifier order, going round the ring once;
 *   <li>ConnectedAppendages: every live node reaches the cycle;
 *   <li>OrderedSuccessorLists: every successor list is in ring order from its owner, without
 *       duplicates and without its owner.
 * </ul>
 * {@link #idealViolations} checks the stronger state a quiet network converges to.
 */
public final class RingInvariants {
    private RingInvariants() {}

    /** Violations of the invariants among {@code live} (every other node counts as dead); empty when all hold. */
    public static List<String> violations(List<? extends RingMember> live) {
        List<String> out = new ArrayList<>();
        if (live.isEmpty()) {
            return out;
        }
        Map<NodeId, RingMember> byId = byId(live);
        Map<NodeId, NodeId> best = new TreeMap<>();
        for (RingMember n : live) {
            checkOrderedList(n, out);
            NodeId b = bestSuccessor(n, byId);
            if (b == null) {
                if (live.size() > 1) {
                    out.add(n.self() + " has no live successor");
                }
            } else {
                best.put(n.self().id(), b);
            }
        }
        if (live.size() == 1) {
            return out;
        }
        List<List<NodeId>> cycles = cycles(best);
        Set<NodeId> onCycle = new HashSet<>();
        cycles.forEach(onCycle::addAll);
        if (cycles.size() != 1) {
            out.add("expected exactly one ring, found " + cycles.size());
            return out;
        }
        List<NodeId> ring = cycles.get(0);
        int wraps = 0;
        for (int i = 0; i < ring.size(); i++) {
            if (ring.get((i + 1) % ring.size()).compareTo(ring.get(i)) <= 0) {
                wraps++;
            }
        }
        if (wraps != 1) {
            out.add("the ring of " + ring.size() + " nodes winds " + wraps + " times round the identifier space");
        }
        for (NodeId id : best.keySet()) {
            if (!reachesRing(id, best, onCycle)) {
                out.add(byId.get(id).self() + " does not reach the ring");
            }
        }
        return out;
    }

    /**
     * How many rings the live nodes form: cycles of the best-successor graph. One in a healthy
     * network; two or more after a partition split it and nothing merged the parts.
     */
    public static int rings(List<? extends RingMember> live) {
        Map<NodeId, RingMember> byId = byId(live);
        Map<NodeId, NodeId> best = new TreeMap<>();
        for (RingMember n : live) {
            NodeId b = bestSuccessor(n, byId);
            if (b != null) {
                best.put(n.self().id(), b);
            }
        }
        return live.size() == 1 ? 1 : cycles(best).size();
    }

    /**
     * Live nodes whose best successor is not the next live node in id order: zero once a split
     * ring has merged down to its first successors, which is what lookups rely on. Stronger than
     * {@link #violations} (one ordered cycle may still skip nodes that merely reach it), weaker
     * than {@link #idealViolations} (whole successor lists, predecessors).
     */
    public static int wrongSuccessors(List<? extends RingMember> live) {
        List<RingMember> sorted = new ArrayList<>(live);
        sorted.sort((a, b) -> a.self().id().compareTo(b.self().id()));
        Map<NodeId, RingMember> byId = byId(live);
        int wrong = 0;
        for (int i = 0; i < sorted.size() && sorted.size() > 1; i++) {
            NodeId best = bestSuccessor(sorted.get(i), byId);
            if (best == null || !best.equals(sorted.get((i + 1) % sorted.size()).self().id())) {
                wrong++;
            }
        }
        return wrong;
    }

    /** The cycles of a graph in which each node has at most one out-edge. */
    private static List<List<NodeId>> cycles(Map<NodeId, NodeId> best) {
        Map<NodeId, Integer> color = new HashMap<>();
        List<List<NodeId>> cycles = new ArrayList<>();
        for (NodeId start : best.keySet()) {
            if (color.containsKey(start)) {
                continue;
            }
            List<NodeId> walk = new ArrayList<>();
            NodeId cur = start;
            while (cur != null && !color.containsKey(cur)) {
                color.put(cur, 1);
                walk.add(cur);
                cur = best.get(cur);
            }
            if (cur != null && color.get(cur) == 1) {
                cycles.add(new ArrayList<>(walk.subList(walk.indexOf(cur), walk.size())));
            }
            for (NodeId w : walk) {
                color.put(w, 2);
            }
        }
        return cycles;
    }

    /**
     * What a quiet network converges to: every live node's successor list is exactly the next r
     * live nodes and its predecessor the previous live node.
     */
    public static List<String> idealViolations(List<? extends RingMember> live) {
        List<String> out = new ArrayList<>();
        List<RingMember> sorted = new ArrayList<>(live);
        sorted.sort((a, b) -> a.self().id().compareTo(b.self().id()));
        int n = sorted.size();
        for (int i = 0; i < n; i++) {
            RingMember node = sorted.get(i);
            int r = Math.min(node.successorListLength(), n - 1);
            List<Contact> expected = new ArrayList<>(r);
            for (int k = 1; k <= r; k++) {
                expected.add(sorted.get((i + k) % n).self());
            }
            if (!node.successors().equals(expected)) {
                out.add(node.self() + " has successors " + node.successors() + ", expected " + expected);
            }
            Contact expectedPred = n > 1 ? sorted.get((i - 1 + n) % n).self() : null;
            if (n > 1 && !expectedPred.equals(node.predecessor())) {
                out.add(node.self() + " has predecessor " + node.predecessor() + ", expected " + expectedPred);
            }
        }
        return out;
    }

    private static Map<NodeId, RingMember> byId(List<? extends RingMember> live) {
        Map<NodeId, RingMember> byId = new HashMap<>();
        for (RingMember n : live) {
            byId.put(n.self().id(), n);
        }
        return byId;
    }

    private static NodeId bestSuccessor(RingMember n, Map<NodeId, RingMember> live) {
        for (Contact s : n.successors()) {
            if (live.containsKey(s.id())) {
                return s.id();
            }
        }
        return null;
    }

    private static void checkOrderedList(RingMember n, List<String> out) {
        NodeId self = n.self().id();
        NodeId last = NodeId.ZERO;
        for (Contact s : n.successors()) {
            NodeId d = self.ringDistanceTo(s.id());
            if (d.isZero() || d.compareTo(last) <= 0) {
                out.add(n.self() + " has a successor list out of order or with duplicates: " + n.successors());
                return;
            }
            last = d;
        }
    }

    private static boolean reachesRing(NodeId from, Map<NodeId, NodeId> best, Set<NodeId> ring) {
        NodeId cur = from;
        for (int steps = 0; cur != null && steps <= best.size(); steps++) {
            if (ring.contains(cur)) {
                return true;
            }
            cur = best.get(cur);
        }
        return false;
    }
}
