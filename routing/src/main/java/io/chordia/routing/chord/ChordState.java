package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One node's view of the ring: successor list, predecessor (list), fingers. Pure data and the
 * ring arithmetic on it; no I/O. Confined to the node thread.
 */
final class ChordState {
    /** This node as it was created: for its id, which never changes. */
    private final Contact self;
    /** This node as peers should know it now (the RPC endpoint's: its address can change). */
    private final Supplier<Contact> current;
    private final int successorListLength;
    private final int predecessorListLength;
    /**
     * How many mean gaps of the successor list a predecessor interval past the first may span and still
     * name the key's owner (see {@link #ownerAmongPredecessors}). A newcomer not yet listed makes an
     * interval of about two gaps; at 1,000 nodes under 84-s sessions 2 and 3 gave fewer successes than 4.
     */
    static final double PREDECESSOR_GAP_FACTOR = 4;
    /**
     * Immutable, nearest first, replaced whole on change: every Neighbors answer and lookup hands
     * them out, so reading must not copy.
     */
    private List<Contact> successors = List.of();
    private List<Contact> predecessors = List.of();
    private final Contact[] fingers = new Contact[NodeId.BITS];
    /**
     * The fingers without repeats (first by index wins) in clockwise order from this node, rebuilt
     * after a change; null when stale. Sorted once per change, so that each lookup hop merges two
     * sorted lists instead of sorting what it knows.
     */
    private Contact[] fingersByDistance;

    ChordState(Supplier<Contact> self, int successorListLength, int predecessorListLength) {
        this.self = self.get();
        this.current = self;
        this.successorListLength = successorListLength;
        this.predecessorListLength = predecessorListLength;
    }

    Contact self() {
        return current.get();
    }

    /** No successor: a ring of one, or a node that lost every successor. */
    boolean isAlone() {
        return successors.isEmpty();
    }

    Contact successor() {
        return successors.isEmpty() ? self() : successors.get(0);
    }

    List<Contact> successors() {
        return successors;
    }

    /** The predecessor, or {@code null} when unknown. */
    Contact predecessor() {
        return predecessors.isEmpty() ? null : predecessors.get(0);
    }

    List<Contact> predecessors() {
        return predecessors;
    }

    /**
     * Adopts {@code first :: itsSuccessors} as the successor list: kept in ring order from this
     * node, without duplicates or this node, at most r long. Entries that would wrap past this node
     * are dropped, so the list stays ordered even in a ring smaller than r.
     */
    void adoptSuccessors(Contact first, List<Contact> itsSuccessors) {
        successors = inRingOrder(successors, first, itsSuccessors, successorListLength, true);
    }

    /** Drops {@code id} from the successor list (it failed a liveness check). */
    void removeSuccessor(NodeId id) {
        successors = successors.stream().filter(c -> !c.id().equals(id)).toList();
    }

    /** Sets the predecessor list to {@code first :: itsPredecessors}, nearest first, counterclockwise. */
    void adoptPredecessors(Contact first, List<Contact> itsPredecessors) {
        predecessors = inRingOrder(predecessors, first, itsPredecessors, predecessorListLength, false);
    }

    /**
     * The longest prefix of {@code first :: rest}, at most {@code max} long, that moves away from this
     * node strictly monotonically: clockwise for successors, counterclockwise for predecessors.
     * It stops at this node, at a repeat and at a wrap. Returns {@code current} itself when the
     * prefix equals it: stabilize re-adopts an unchanged list every round, and must not allocate.
     */
    private List<Contact> inRingOrder(List<Contact> current, Contact first, List<Contact> rest, int max,
                                      boolean clockwise) {
        NodeId me = self.id();
        int n = 0;
        boolean same = true;
        Contact last = null;
        for (int i = -1; i < rest.size() && n < max; i++) {
            Contact c = i < 0 ? first : rest.get(i);
            if (c.id().equals(me)) {
                break;
            }
            boolean further = last == null || (clockwise
                    ? me.compareRingDistances(c.id(), last.id()) > 0
                    // counterclockwise distance to me grows as the clockwise distance from me shrinks
                    : me.compareRingDistances(c.id(), last.id()) < 0);
            if (!further) {
                break;
            }
            same = same && n < current.size() && current.get(n).equals(c);
            n++;
            last = c;
        }
        if (same && n == current.size()) {
            return current;
        }
        Contact[] out = new Contact[n];
        for (int i = 0; i < n; i++) {
            out[i] = i == 0 ? first : rest.get(i - 1);
        }
        return List.of(out);
    }

    void clearPredecessor() {
        predecessors = List.of();
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
            fingersByDistance = null;
        }
    }

    /** Forgets {@code id} as a finger (it failed to answer). Successors change only by stabilize. */
    void forgetFinger(NodeId id) {
        for (int i = 0; i < fingers.length; i++) {
            if (fingers[i] != null && fingers[i].id().equals(id)) {
                fingers[i] = null;
                fingersByDistance = null;
            }
        }
    }

    /**
     * Up to {@code count} known nodes strictly between this node and {@code key}, closest to the
     * key first: the next hops of a lookup, best first, the rest as fallbacks. A node known both as
     * a successor and as a finger appears once, as the successor.
     */
    List<Contact> closestPreceding(NodeId key, int count) {
        return closestPreceding(key, count, true);
    }

    /**
     * {@link #closestPreceding(NodeId, int)}; without {@code viaSuccessorList} only the first
     * successor and the fingers count, as the Chord paper's closest_preceding_finger (Fig. 4)
     * scans its finger table, whose first entry is the successor.
     */
    List<Contact> closestPreceding(NodeId key, int count, boolean viaSuccessorList) {
        NodeId me = self.id();
        Contact[] byDistance = fingersByDistance();
        // Both lists run clockwise from this node: the nodes before the key are a prefix of each,
        // and merging the prefixes from their far ends gives the nodes closest to the key first.
        int s = viaSuccessorList ? countBefore(successors, key) : Math.min(1, countBefore(successors, key));
        int f = countBefore(Arrays.asList(byDistance), key);
        List<Contact> out = new ArrayList<>(Math.min(count, s + f));
        while (out.size() < count && (s > 0 || f > 0)) {
            int c = s == 0 ? -1 : f == 0 ? 1
                    : me.compareRingDistances(successors.get(s - 1).id(), byDistance[f - 1].id());
            if (c >= 0) {
                if (c == 0) {
                    f--; // the same node as a finger: the successor entry stands for both
                }
                out.add(successors.get(--s));
            } else {
                out.add(byDistance[--f]);
            }
        }
        return out;
    }

    /** How many of {@code clockwise} (ordered clockwise from this node) lie in (self, key). */
    private int countBefore(List<Contact> clockwise, NodeId key) {
        NodeId me = self.id();
        if (key.equals(me)) {
            return clockwise.size(); // (self, self) is the ring without this node
        }
        int lo = 0;
        int hi = clockwise.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (me.compareRingDistances(clockwise.get(mid).id(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Contact[] fingersByDistance() {
        if (fingersByDistance == null) {
            List<Contact> distinct = new ArrayList<>();
            for (Contact f : fingers) {
                if (f != null && !containsId(distinct, f.id())) {
                    distinct.add(f);
                }
            }
            NodeId me = self.id();
            distinct.sort((a, b) -> me.compareRingDistances(a.id(), b.id()));
            fingersByDistance = distinct.toArray(new Contact[0]);
        }
        return fingersByDistance;
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
        out.add(self());
        for (Contact s : successors) {
            if (out.size() == max) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /** Whether our successor list reaches round to our predecessor: the ring is no longer than our lists. */
    boolean listsWrap() {
        return !predecessors.isEmpty() && successors.contains(predecessors.get(0));
    }

    /**
     * When {@code key} lies in (s_j-1, s_j] for a successor s_j (j >= 0, s_-1 being this node):
     * s_j and the successors after it, at most {@code max}; else empty.
     */
    List<Contact> ownerAmongSuccessors(NodeId key, int max) {
        int j = countBefore(successors, key);
        if (isAlone() || j == successors.size()) {
            return List.of();
        }
        return List.copyOf(successors.subList(j, Math.min(successors.size(), j + max)));
    }

    /**
     * When {@code key} lies in (p_i+1, p_i] for a predecessor p_i (the key has passed from us to a node
     * before us, often one that just joined and that the nodes before it do not know yet): p_i, the
     * predecessors after it back to us, us and our successors, at most {@code max}; else empty.
     *
     * <p>Past the first, an interval counts only when it is no wider than {@link #PREDECESSOR_GAP_FACTOR}
     * times the mean gap of our successor list. p_0 is checked, but the entries past it are copied from it
     * a check period at a time, so right after joins the list skips the nodes that joined between two
     * entries: a wide interval is such a skip, and the node it names is not the owner (read off the whole
     * list, keys were named to nodes a third of the ring before them, and a lookup whose every hop named
     * such a node ran out of hops to ask: ChordKillLookupSimTest). Answering with closer nodes lets the
     * lookup reach the owner; a narrow interval is most often a newcomer that the nodes before it do not
     * know yet, the case the list is read for.
     */
    List<Contact> ownerAmongPredecessors(NodeId key, int max) {
        for (int i = 0; i + 1 < predecessors.size(); i++) {
            NodeId from = predecessors.get(i + 1).id();
            NodeId to = predecessors.get(i).id();
            if (key.isInOpenClosed(from, to)) {
                if (i > 0 && !isNarrow(from, to)) {
                    return List.of();
                }
                List<Contact> out = new ArrayList<>(max);
                for (int k = i; k >= 0 && out.size() < max; k--) {
                    out.add(predecessors.get(k));
                }
                for (int k = -1; k < successors.size() && out.size() < max; k++) {
                    out.add(k < 0 ? self() : successors.get(k));
                }
                return out;
            }
        }
        return List.of();
    }

    /**
     * Whether (from, to] is at most {@link #PREDECESSOR_GAP_FACTOR} times the mean gap between the nodes
     * from p_0 to our last successor, the stretch of ring this node checks itself.
     */
    private boolean isNarrow(NodeId from, NodeId to) {
        if (successors.isEmpty()) {
            return false;
        }
        NodeId first = predecessors.get(0).id();
        double meanGap = ringFraction(first.ringDistanceTo(successors.get(successors.size() - 1).id()))
                / (successors.size() + 1);
        return ringFraction(from.ringDistanceTo(to)) <= PREDECESSOR_GAP_FACTOR * meanGap;
    }

    /** A ring distance as a fraction of the ring, to a double's precision: enough to compare widths. */
    private static double ringFraction(NodeId distance) {
        return unsigned(distance.hiBits()) / 0x1p64 + unsigned(distance.midBits()) / 0x1p128
                + Integer.toUnsignedLong(distance.loBits()) / 0x1p160;
    }

    private static double unsigned(long bits) {
        double high = (double) (bits >>> 1) * 2.0;
        return high + (bits & 1L);
    }

    List<Contact> successorsUpTo(int max) {
        return successors.size() <= max ? successors : List.copyOf(successors.subList(0, max));
    }
}
