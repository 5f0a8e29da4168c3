package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verified contacts closest to our own id by XOR, up to a fixed size. The routing table may
 * miss some of them (a full bucket keeps its old contacts); the leaf set does not, so it is what
 * replication uses and what completes the answer for targets in our own neighbourhood. Kept live:
 * a leaf that fails {@code staleAfterFailures} requests in a row leaves, and the periodic lookup of
 * our own id refills it. Not thread-safe: node thread only.
 */
public final class LeafSet {
    private static final class Leaf {
        final Contact contact;
        int failures;

        Leaf(Contact contact) {
            this.contact = contact;
        }
    }

    private final NodeId self;
    private final int capacity;
    private final int staleAfterFailures;
    /** Keyed by XOR distance to our id: iteration is closest first, and deterministic. */
    private final TreeMap<NodeId, Leaf> byDistance = new TreeMap<>();
    /** Lookup only, never iterated. */
    private final Map<Address, NodeId> idByAddress = new HashMap<>();
    private long losses;

    public LeafSet(NodeId self, int capacity, int staleAfterFailures) {
        this.self = Checks.notNull(self, "self");
        this.capacity = Checks.inRange(capacity, 1, 1 << 16, "capacity");
        this.staleAfterFailures = staleAfterFailures;
    }

    public int size() {
        return byDistance.size();
    }

    public int capacity() {
        return capacity;
    }

    public NodeId self() {
        return self;
    }

    /**
     * Leaves lost so far (failed, evicted, or their address taken by another id), as opposed to
     * displaced by closer nodes. After a loss the set may admit a farther node, so the owner should
     * offer it the nearest contacts it knows again.
     */
    public long losses() {
        return losses;
    }

    /** The leaves, closest to our id first. */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(byDistance.size());
        for (Leaf l : byDistance.values()) {
            out.add(l.contact);
        }
        return out;
    }

    /** The {@code n} leaves closest to our id. */
    public List<Contact> closest(int n) {
        List<Contact> out = new ArrayList<>(Math.min(n, byDistance.size()));
        for (Leaf l : byDistance.values()) {
            if (out.size() == n) {
                break;
            }
            out.add(l.contact);
        }
        return out;
    }

    public boolean contains(NodeId id) {
        return byDistance.containsKey(id.xor(self));
    }

    /** Whether a verified {@code id} would become a leaf. */
    public boolean wouldAdmit(NodeId id) {
        if (id.equals(self)) {
            return false;
        }
        NodeId d = id.xor(self);
        return !byDistance.containsKey(d) && (byDistance.size() < capacity || d.compareTo(byDistance.lastKey()) < 0);
    }

    /**
     * The fewest leading bits a leaf shares with us, or 160 when empty: every node sharing more
     * bits than this with us is a leaf if we know it, so targets sharing more are "inside" the set.
     */
    public int minSharedPrefix() {
        return byDistance.isEmpty() ? NodeId.BITS : byDistance.lastKey().commonPrefixLength(NodeId.ZERO);
    }

    /**
     * Whether the set provably holds the {@code k} nodes closest to {@code target} (counting us), as
     * far as our knowledge of our neighbourhood is complete. If the farthest leaf shares q leading
     * bits with us, every known node sharing more than q is a leaf, and any of them is closer to a
     * target sharing more than q bits with us than any node outside; so the target is covered
     * when it shares more than q bits with us and at least k of us share them too. A set that is
     * not full holds every node we know, and covers every target once it holds k - 1 of them.
     */
    public boolean covers(NodeId target, int k) {
        if (byDistance.size() + 1 < k) {
            return false;
        }
        if (byDistance.size() < capacity) {
            return true;
        }
        int q = minSharedPrefix();
        if (self.commonPrefixLength(target) <= q) {
            return false;
        }
        int inside = 1;
        for (NodeId d : byDistance.keySet()) {
            if (d.commonPrefixLength(NodeId.ZERO) > q) {
                inside++;
            }
        }
        return inside >= k;
    }

    /**
     * Offers a verified contact; returns whether it is a leaf now. A leaf at the same address under
     * another id leaves (that address answers as someone else now).
     */
    public boolean offer(Contact contact) {
        NodeId id = contact.id();
        if (id.equals(self)) {
            return false;
        }
        NodeId elsewhere = idByAddress.get(contact.address());
        if (elsewhere != null && !elsewhere.equals(id) && remove(elsewhere)) {
            losses++;
        }
        NodeId d = id.xor(self);
        Leaf known = byDistance.get(d);
        if (known != null) {
            if (known.contact.address().equals(contact.address())) {
                known.failures = 0;
                return true;
            }
            if (known.failures < staleAfterFailures) {
                return true; // keep the proven address until it fails
            }
            remove(id); // replaced at once below: not a loss
        }
        if (byDistance.size() >= capacity) {
            if (d.compareTo(byDistance.lastKey()) >= 0) {
                return false;
            }
            remove(byDistance.lastEntry().getValue().contact.id()); // displaced: not a loss
        }
        byDistance.put(d, new Leaf(contact));
        idByAddress.put(contact.address(), id);
        return true;
    }

    /** A request to {@code contact} failed; after enough failures in a row it leaves. Returns whether it left. */
    public boolean failed(Contact contact) {
        Leaf l = byDistance.get(contact.id().xor(self));
        if (l != null && l.contact.address().equals(contact.address()) && ++l.failures >= staleAfterFailures) {
            remove(contact.id());
            losses++;
            return true;
        }
        return false;
    }

    /** Removes {@code contact} at once if it is a leaf at that address (it answered as another id). */
    public boolean evict(Contact contact) {
        Leaf l = byDistance.get(contact.id().xor(self));
        if (l != null && l.contact.address().equals(contact.address())) {
            remove(contact.id());
            losses++;
            return true;
        }
        return false;
    }

    /** Removes {@code id}; returns whether it was a leaf. */
    public boolean remove(NodeId id) {
        Leaf l = byDistance.remove(id.xor(self));
        if (l == null) {
            return false;
        }
        idByAddress.remove(l.contact.address());
        return true;
    }
}
