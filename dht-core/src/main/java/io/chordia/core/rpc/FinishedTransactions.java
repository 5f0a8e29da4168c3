package io.chordia.core.rpc;

import io.chordia.core.util.Checks;

/**
 * The transaction ids finished within the last {@code retentionNanos}, at most {@code capacity}
 * of them, and whether each was answered, forgetting the oldest first: enough to tell a late or
 * duplicate reply from an unknown one. Ids stay primitive (a ring of longs beside a
 * {@link LongKeyedMap}) because every call ends here.
 *
 * <p>Why a time limit as well as a count: a stray reply comes within seconds of its call, and a
 * node that calls a few times a second would otherwise keep thousands of ids it no longer needs;
 * in a simulation of ten thousand nodes those tables were a gigabyte of heap, and every call
 * wrote to a cold corner of one.
 */
final class FinishedTransactions {
    private final int capacity;
    private final long retentionNanos;
    private final LongKeyedMap<Boolean> answered = new LongKeyedMap<>();
    /** Ids in the order they finished, oldest at {@code head}; grows up to {@code capacity}. */
    private long[] order = new long[16];
    /** When each id of {@link #order} finished, at the same index. */
    private long[] finishedAt = new long[16];
    private int head;
    private int count;

    FinishedTransactions(int capacity, long retentionNanos) {
        Checks.check(capacity >= 0, "capacity must be at least 0, was %s", capacity);
        Checks.check(retentionNanos > 0, "retention must be positive, was %s ns", retentionNanos);
        this.capacity = capacity;
        this.retentionNanos = retentionNanos;
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

    /**
     * Remembers {@code txId}, finished at {@code nowNanos} (never before an earlier add's time);
     * an id already remembered keeps its place and takes the new outcome.
     */
    void add(long txId, boolean wasAnswered, long nowNanos) {
        if (capacity == 0) {
            return;
        }
        while (count > 0 && nowNanos - finishedAt[head] > retentionNanos) {
            forgetOldest();
        }
        if (answered.put(txId, wasAnswered) != null) {
            return;
        }
        if (count == capacity) {
            forgetOldest();
        } else if (count == order.length) {
            grow();
        }
        int tail = (head + count) % order.length;
        order[tail] = txId;
        finishedAt[tail] = nowNanos;
        count++;
    }

    private void forgetOldest() {
        answered.remove(order[head]);
        head = (head + 1) % order.length;
        count--;
    }

    private void grow() {
        int length = Math.min(capacity, order.length * 2);
        long[] biggerOrder = new long[length];
        long[] biggerTimes = new long[length];
        for (int i = 0; i < count; i++) {
            biggerOrder[i] = order[(head + i) % order.length];
            biggerTimes[i] = finishedAt[(head + i) % order.length];
        }
        order = biggerOrder;
        finishedAt = biggerTimes;
        head = 0;
    }
}
