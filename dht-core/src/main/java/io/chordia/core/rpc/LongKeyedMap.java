package io.chordia.core.rpc;

import io.chordia.core.util.Checks;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A map from primitive {@code long} keys to non-null values, with open addressing and linear
 * probing: transaction ids are looked up on every datagram, and a {@code HashMap<Long, V>} boxes
 * each one. Removal shifts later entries back, so no tombstones build up. Key 0 marks a free
 * slot, so a probe reads only the key array (one cache miss, not two: the tables of a thousand
 * simulated nodes do not fit in cache); key 0 itself lives in a field of its own. Not thread-safe.
 */
final class LongKeyedMap<V> {
    private static final int MIN_CAPACITY = 8;

    /** 0 marks a free slot. */
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;
    /** The value of key 0, or {@code null}. */
    private Object zeroValue;

    LongKeyedMap() {
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean containsKey(long key) {
        return key == 0 ? zeroValue != null : keys[find(key)] != 0;
    }

    /** The value for {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == 0) {
            return (V) zeroValue;
        }
        int slot = find(key);
        return keys[slot] != 0 ? (V) values[slot] : null;
    }

    /** Maps {@code key} to {@code value}, returning the value it replaced or {@code null}. */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        Checks.notNull(value, "value");
        V old;
        if (key == 0) {
            old = (V) zeroValue;
            zeroValue = value;
            if (old == null) {
                size++;
            }
            return old;
        }
        int slot = find(key);
        old = keys[slot] != 0 ? (V) values[slot] : null;
        keys[slot] = key;
        values[slot] = value;
        if (old == null && ++size > keys.length >>> 1) {
            allocate(keys.length << 1);
        }
        return old;
    }

    /** Removes {@code key}, returning its value or {@code null}. */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        if (key == 0) {
            V old = (V) zeroValue;
            if (old != null) {
                zeroValue = null;
                size--;
            }
            return old;
        }
        int hole = find(key);
        if (keys[hole] == 0) {
            return null;
        }
        V old = (V) values[hole];
        size--;
        // Backward-shift deletion: move up each later entry of the run whose home slot is not
        // cyclically within (hole, slot], so every key stays reachable from its home slot.
        int slot = hole;
        while (true) {
            keys[hole] = 0;
            values[hole] = null;
            do {
                slot = (slot + 1) & mask;
                if (keys[slot] == 0) {
                    return old;
                }
            } while (isBetween(hole, home(keys[slot]), slot));
            keys[hole] = keys[slot];
            values[hole] = values[slot];
            hole = slot;
        }
    }

    void clear() {
        Arrays.fill(keys, 0);
        Arrays.fill(values, null);
        zeroValue = null;
        size = 0;
    }

    /** Calls {@code action} with every value, in slot order (fixed for a given history of calls). */
    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<? super V> action) {
        Object zero = zeroValue;
        Object[] snapshot = values.clone();
        if (zero != null) {
            action.accept((V) zero);
        }
        for (Object v : snapshot) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    /** True when {@code home} lies in the cyclic interval (hole, slot]. */
    private static boolean isBetween(int hole, int home, int slot) {
        return hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
    }

    /** The slot holding {@code key} (not 0), or the free slot where it would go. */
    private int find(long key) {
        int slot = home(key);
        long k;
        while ((k = keys[slot]) != key && k != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private int home(long key) {
        // Fibonacci hashing: the multiply's high bits depend on every key bit.
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void allocate(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        if (oldKeys != null) {
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = find(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }
}
