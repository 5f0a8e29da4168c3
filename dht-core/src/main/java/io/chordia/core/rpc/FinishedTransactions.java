package io.chordia.core.rpc;

import io.chordia.core.util.Checks;

/**
 * The last {@code capacity} finished transaction ids and whether each was answered, forgetting
 * the oldest first: enough to tell a late or duplicate reply from an unknown one. Ids stay
 * primitive (a ring of longs beside a {@link LongKeyedMap}) because every call ends here.
 */
final class FinishedTransactions {
    private final int capacity;
    private final LongKeyedMap<Boolean> answered = new LongKeyedMap<>();
    /** Ids in the order they finished, oldest at {@code head}; grows up to {@code capacity}. */
    private long[] order = new long[16];
    private int head;
    private int count;

    FinishedTransactions(int capacity) {
        Checks.check(capacity >= 0, "capacity must be at least 0, was %s", capacity);
        this.capacity = capacity;
    }

    int size() {
        return count;
    }

    boolean contains(long txId) {
        return answered.containsKey(txId);
    }

    /** {@code TRUE} if {@code txId} finished answered, {@code FALSE} if it timed out, {@code null} if not remembered. */
    Boolean answered(long txId) {
        return answered.get(txId);
    }

    /** Remembers {@code txId}; an id already remembered keeps its place and takes the new outcome. */
    void add(long txId, boolean wasAnswered) {
        if (capacity == 0) {
            return;
        }
        if (answered.put(txId, wasAnswered) != null) {
            return;
        }
        if (count == capacity) {
            answered.remove(order[head]);
            head = (head + 1) % order.length;
            count--;
        } else if (count == order.length) {
            grow();
        }
        order[(head + count) % order.length] = txId;
        count++;
    }

    private void grow() {
        long[] bigger = new long[Math.min(capacity, order.length * 2)];
        for (int i = 0; i < count; i++) {
            bigger[i] = order[(head + i) % order.length];
        }
        order = bigger;
        head = 0;
    }
}
