package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's view of the ring: successor list, predecessor (list), fingers. Pure data and the
 * ring arithmetic on it; no I/O. Confined to the node thread.
 */
final class ChordState {
    private final Contact self;
    private final int successorListLength;
    private final int predecessorListLength;
    private final List<Contact> successors = new ArrayList<>();
    private final List<Contact> predecessors = new ArrayList<>();
    private final Contact[] fingers = new Contact[NodeId.BITS];
    /** The fingers without repeats (first by index wins), rebuilt after a change; null when stale. */
    private List<Contact> distinctFingers;

    ChordState(Contact self, int successorListLength, int predecessorListLength) {
        this.self = self;
        this.successorListLength = successorListLength;
        this.predecessorListLength = predecessorListLength;
    }

    Contact self() {
        return self;
    }

    /** No successor: a ring of one, or a node that lost every successor. */
    boolean isAlone() {
        return successors.isEmpty();
    }

    Contact successor() {
        return successors.isEmpty() ? self : successors.get(0);
    }

    List<Contact> successors() {
        return List.copyOf(successors);
    }

    /** The predecessor, or {@code null} when unknown. */
    Contact predecessor() {
        return predecessors.isEmpty() ? null : predecessors.get(0);
    }

    List<Contact> predecessors() {
        return List.copyOf(predecessors);
    }

    /**
     * Adopts {@code first :: itsSuccessors} as the successor list: kept in ring order from this
     * node, without duplicates or this node, at most r long. Entries that would wrap past this node
     * are dropped, so the list stays ordered even in a ring smaller than r.
     */
    void adoptSuccessors(Contact first, List<Contact> itsSuccessors) {
        List<Contact> candidates = new ArrayList<>(itsSuccessors.size() + 1);
        candidates.add(first);
        candidates.addAll(itsSuccessors);
        successors.clear();
        NodeId last = null;
        for (Contact c : candidates) {
            if (successors.size() == successorListLength || c.id().equals(self.id())) {
                break;
            }
            NodeId d = self.id().ringDistanceTo(c.id());
            if (last == null || d.compareTo(last) > 0) {
                successors.add(c);
                last = d;
            } else {
                break;
            }
        }
    }

    /** Drops {@code id} from the successor list (it failed a liveness check). */
    void removeSuccessor(NodeId id) {
        successors.removeIf(c -> c.id().equals(id));
    }

    /** Sets the predecessor list to {@code first :: itsPredecessors}, nearest first, counterclockwise. */
    void adoptPredecessors(Contact first, List<Contact> itsPredecessors) {
        List<Contact> candidates = new ArrayList<>(itsPredecessors.size() + 1);
        candidates.add(first);
        candidates.addAll(itsPredecessors);
        predecessors.clear();
        NodeId last = null;
        for (Contact c : candidates) {
            if (predecessors.size() == predecessorListLength || c.id().equals(self.id())) {
                break;
            }
            NodeId d = c.id().ringDistanceTo(self.id());
            if (last == null || d.compareTo(last) > 0) {
                predecessors.add(c);
                last = d;
            } else {
                break;
            }
        }
    }

    void clearPredecessor() {
        predecessors.clear();
    }

    /** True when this node is responsible for {@code key}: it lies in (predecessor, self]. */
    boolean owns(NodeId key) {
        Contact p = predecessor();
        if (p == null) {
            return isAlone();
        }
        return key.isInOpenClosed(p.id(), self.id());
    }

    /** True when the successor is responsible for {@code key}: it lies in (self, successor]. */
    boolean successorOwns(NodeId key) {
        return !isAlone() && key.isInOpenClosed(self.id(), successor().id());
    }

    Contact finger(int i) {
        return fingers[i];
    }

    void setFinger(int i, Contact c) {
        Contact value = c != null && c.id().equals(self.id()) ? null : c;
        if (!java.util.Objects.equals(fingers[i], value)) {
            fingers[i] = value;
            distinctFingers = null;
        }
    }

    /** Forgets {@code id} as a finger (it failed to answer). Successors change only by stabilize. */
    void forgetFinger(NodeId id) {
        for (int i = 0; i < fingers.length; i++) {
            if (fingers[i] != null && fingers[i].id().equals(id)) {
                fingers[i] = null;
                distinctFingers = null;
            }
        }
    }

    /**
     * Up to {@code count} known nodes strictly between this node and {@code key}, closest to the
     * key first: the next hops of a lookup, best first, the rest as fallbacks.
     */
    List<Contact> closestPreceding(NodeId key, int count) {
        NodeId me = self.id();
        List<Contact> known = new ArrayList<>(successors.size() + 24);
        for (Contact c : successors) {
            if (c.id().isInOpenOpen(me, key)) {
                known.add(c);
            }
        }
        // Most of the 160 fingers repeat a few contacts; this is the hot path of every lookup hop.
        for (Contact f : distinctFingers()) {
            if (f.id().isInOpenOpen(me, key)) {
                known.add(f);
            }
        }
        // Closest to the key first = largest clockwise distance from this node. The sort is stable,
        // so of a node known twice (a successor and a finger) the first added leads its run of
        // equal ids, and keeping each run's first drops repeats without a quadratic search.
        known.sort((a, b) -> me.compareRingDistances(b.id(), a.id()));
        int n = 0;
        for (int i = 0; i < known.size(); i++) {
            Contact c = known.get(i);
            if (n == 0 || !known.get(n - 1).id().equals(c.id())) {
                known.set(n++, c);
            }
        }
        if (n > count) {
            return List.copyOf(known.subList(0, count));
        }
        known.subList(n, known.size()).clear();
        return known;
    }

    private List<Contact> distinctFingers() {
        if (distinctFingers == null) {
            List<Contact> out = new ArrayList<>();
            for (Contact f : fingers) {
                if (f != null && !containsId(out, f.id())) {
                    out.add(f);
                }
            }
            distinctFingers = out;
        }
        return distinctFingers;
    }

    private static boolean containsId(List<Contact> list, NodeId id) {
        for (Contact c : list) {
            if (c.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** This node followed by its successors: the answer "the key is mine" gives. */
    List<Contact> selfAndSuccessors(int max) {
        List<Contact> out = new ArrayList<>(Math.min(max, successors.size() + 1));
        out.add(self);
        for (Contact s : successors) {
            if (out.size() == max) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    List<Contact> successorsUpTo(int max) {
        return successors.size() <= max ? List.copyOf(successors) : List.copyOf(successors.subList(0, max));
    }
}
