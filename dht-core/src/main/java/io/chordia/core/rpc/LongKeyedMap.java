package io.chordia.core.rpc;

import io.chordia.core.util.Checks;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A map from primitive {@code long} keys to non-null values, with open addressing and linear
 * probing: transaction ids are looked up on every datagram, and a {@code HashMap<Long, V>} boxes
 * each one. Removal shifts later entries back, so no tombstones build up. Not thread-safe.
 */
final class LongKeyedMap<V> {
    private static final int MIN_CAPACITY = 8;

    private long[] keys;
    /** {@code null} marks a free slot. */
    private Object[] values;
    private int size;
    private int mask;

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
        return values[find(key)] != null;
    }

    /** The value for {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        return (V) values[find(key)];
    }

    /** Maps {@code key} to {@code value}, returning the value it replaced or {@code null}. */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        Checks.notNull(value, "value");
        int slot = find(key);
        V old = (V) values[slot];
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
        int hole = find(key);
        V old = (V) values[hole];
        if (old == null) {
            return null;
        }
        size--;
        // Backward-shift deletion: move up each later entry of the run whose home slot is not
        // cyclically within (hole, slot], so every key stays reachable from its home slot.
        int slot = hole;
        while (true) {
            values[hole] = null;
            do {
                slot = (slot + 1) & mask;
                if (values[slot] == null) {
                    return old;
                }
            } while (isBetween(hole, home(keys[slot]), slot));
            keys[hole] = keys[slot];
            values[hole] = values[slot];
            hole = slot;
        }
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    /** Calls {@code action} with every value, in slot order (fixed for a given history of calls). */
    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<? super V> action) {
        for (Object v : values.clone()) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    /** True when {@code home} lies in the cyclic interval (hole, slot]. */
    private static boolean isBetween(int hole, int home, int slot) {
        return hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
    }

    /** The slot holding {@code key}, or the free slot where it would go. */
    private int find(long key) {
        int slot = home(key);
        while (values[slot] != null && keys[slot] != key) {
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
        if (oldValues != null) {
            for (int i = 0; i < oldValues.length; i++) {
                if (oldValues[i] != null) {
                    int slot = find(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }
}
