package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Values keyed by node id, kept nearest a target first (by XOR distance) in one sorted array: a
 * lookup's candidates. A lookup takes in about a hundred contacts and walks its nearest few on
 * every reply; an array costs one binary search and a short copy per insert where a tree costs a
 * node per contact and pointer chasing per step. Distinct ids lie at distinct distances, so the
 * order is total. Not to be modified while iterated; node thread only.
 */
final class XorSortedArray<V> implements Iterable<V> {
    private final long targetHi;
    private final long targetMid;
    private final int targetLo;
    /**
     * Each entry's XOR distance to the target as words: a binary search reads these arrays
     * instead of an id object per probe, each of which was likely a cache miss.
     */
    private long[] distHi = new long[16];
    private long[] distMid = new long[16];
    private int[] distLo = new int[16];
    private Object[] values = new Object[16];
    private int size;

    XorSortedArray(NodeId target) {
        this.targetHi = target.hiBits();
        this.targetMid = target.midBits();
        this.targetLo = target.loBits();
    }

    int size() {
        return size;
    }

    /** The value held for {@code id}, or {@code null}. */
    V get(NodeId id) {
        int at = indexOf(id);
        return at >= 0 ? valueAt(at) : null;
    }

    /** Holds {@code value} for {@code id}; returns the value it replaces, or {@code null}. */
    V put(NodeId id, V value) {
        int at = indexOf(id);
        if (at >= 0) {
            V old = valueAt(at);
            values[at] = value;
            return old;
        }
        int insertAt = -at - 1;
        if (size == values.length) {
            distHi = Arrays.copyOf(distHi, size * 2);
            distMid = Arrays.copyOf(distMid, size * 2);
            distLo = Arrays.copyOf(distLo, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int tail = size - insertAt;
        System.arraycopy(distHi, insertAt, distHi, insertAt + 1, tail);
        System.arraycopy(distMid, insertAt, distMid, insertAt + 1, tail);
        System.arraycopy(distLo, insertAt, distLo, insertAt + 1, tail);
        System.arraycopy(values, insertAt, values, insertAt + 1, tail);
        distHi[insertAt] = id.hiBits() ^ targetHi;
        distMid[insertAt] = id.midBits() ^ targetMid;
        distLo[insertAt] = id.loBits() ^ targetLo;
        values[insertAt] = value;
        size++;
        return null;
    }

    /** The values, nearest the target first (as a sorted map's {@code values()}). */
    Iterable<V> values() {
        return this;
    }

    @Override
    public Iterator<V> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public V next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return valueAt(next++);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private V valueAt(int i) {
        return (V) values[i];
    }

    /** The index of {@code id}, or -(insertion point) - 1 as {@code Arrays.binarySearch}. */
    private int indexOf(NodeId id) {
        long dHi = id.hiBits() ^ targetHi;
        long dMid = id.midBits() ^ targetMid;
        int dLo = id.loBits() ^ targetLo;
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(distHi[mid], dHi);
            if (c == 0) {
                c = Long.compareUnsigned(distMid[mid], dMid);
                if (c == 0) {
                    c = Integer.compareUnsigned(distLo[mid], dLo);
                }
            }
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
