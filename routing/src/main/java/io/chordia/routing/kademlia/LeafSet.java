package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        /** The contact's id, one pointer nearer: every search of the set reads it. */
        final NodeId id;
        int failures;

        Leaf(Contact contact) {
            this.contact = contact;
            this.id = contact.id();
        }
    }

    private final NodeId self;
    private final int capacity;
    private final int staleAfterFailures;
    /**
     * The leaves closest to our id first, in a sorted array: a lookup's every hop reads the whole
     * set, and walking an array beats a tree's entries (no iterator, no distance keys to allocate).
     */
    private final Leaf[] leaves;
    private int size;
    /** Lookup only, never iterated. */
    private final Map<Address, NodeId> idByAddress = new HashMap<>();
    private long losses;

    public LeafSet(NodeId self, int capacity, int staleAfterFailures) {
        this.self = Checks.notNull(self, "self");
        this.capacity = Checks.inRange(capacity, 1, 1 << 16, "capacity");
        this.staleAfterFailures = staleAfterFailures;
        this.leaves = new Leaf[capacity];
    }

    public int size() {
        return size;
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
        return closest(size);
    }

    /** The {@code n} leaves closest to our id. */
    public List<Contact> closest(int n) {
        int m = Math.min(n, size);
        List<Contact> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            out.add(leaves[i].contact);
        }
        return out;
    }

    /** The leaf at {@code rank} (0 = closest to our id), without copying the set. */
    Contact leaf(int rank) {
        return leaves[rank].contact;
    }

    /** The id of the leaf at {@code rank}. */
    NodeId leafId(int rank) {
        return leaves[rank].id;
    }

    public boolean contains(NodeId id) {
        return indexOf(id) >= 0;
    }

    /** Whether a verified {@code id} would become a leaf. */
    public boolean wouldAdmit(NodeId id) {
        if (id.equals(self)) {
            return false;
        }
        if (size == capacity && self.compareXorDistances(id, leaves[size - 1].id) > 0) {
            return false; // farther than a full set's farthest: most senders, at one comparison
        }
        int at = indexOf(id);
        return at < 0 && (size < capacity || -at - 1 < size);
    }

    /**
     * The fewest leading bits a leaf shares with us, or 160 when empty: every node sharing more
     * bits than this with us is a leaf if we know it, so targets sharing more are "inside" the set.
     */
    public int minSharedPrefix() {
        return size == 0 ? NodeId.BITS : leaves[size - 1].id.commonPrefixLength(self);
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
        if (size + 1 < k) {
            return false;
        }
        if (size < capacity) {
            return true;
        }
        int q = minSharedPrefix();
        if (self.commonPrefixLength(target) <= q) {
            return false;
        }
        int inside = 1;
        for (int i = 0; i < size; i++) {
            if (leaves[i].contact.id().commonPrefixLength(self) > q) {
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
        int at = indexOf(id);
        if (at >= 0) {
            Leaf known = leaves[at];
            if (known.contact.address().equals(contact.address())) {
                known.failures = 0;
                return true;
            }
            if (known.failures < staleAfterFailures) {
                return true; // keep the proven address until it fails
            }
            removeAt(at); // replaced at once below: not a loss
            at = -at - 1;
        }
        int insertAt = -at - 1;
        if (size >= capacity) {
            if (insertAt >= size) {
                return false;
            }
            removeAt(size - 1); // displaced: not a loss
        }
        System.arraycopy(leaves, insertAt, leaves, insertAt + 1, size - insertAt);
        leaves[insertAt] = new Leaf(contact);
        size++;
        idByAddress.put(contact.address(), id);
        return true;
    }

    /** A request to {@code contact} failed; after enough failures in a row it leaves. Returns whether it left. */
    public boolean failed(Contact contact) {
        int at = indexOf(contact.id());
        Leaf l = at >= 0 ? leaves[at] : null;
        if (l != null && l.contact.address().equals(contact.address()) && ++l.failures >= staleAfterFailures) {
            removeAt(at);
            losses++;
            return true;
        }
        return false;
    }

    /** Removes {@code contact} at once if it is a leaf at that address (it answered as another id). */
    public boolean evict(Contact contact) {
        int at = indexOf(contact.id());
        if (at >= 0 && leaves[at].contact.address().equals(contact.address())) {
            removeAt(at);
            losses++;
            return true;
        }
        return false;
    }

    /** Removes {@code id}; returns whether it was a leaf. */
    public boolean remove(NodeId id) {
        int at = indexOf(id);
        if (at < 0) {
            return false;
        }
        removeAt(at);
        return true;
    }

    private void removeAt(int at) {
        idByAddress.remove(leaves[at].contact.address());
        System.arraycopy(leaves, at + 1, leaves, at, size - at - 1);
        leaves[--size] = null;
    }

    /** The rank of {@code id} among the leaves, or -(insertion point) - 1 as {@code Arrays.binarySearch}. */
    private int indexOf(NodeId id) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = self.compareXorDistances(leaves[mid].id, id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }
}
