package io.chordia.core.rpc;

import io.chordia.core.util.Checks;

/**
 * The transaction ids finished within the last {@code retentionNanos}, at most {@code capacity}
 * of them, and whether each was answered, forgetting the oldest first: enough to tell a late or
 * duplicate reply from an unknown one.
 *
 * <p>One ring of (id, finish time, answered) triples in a single array, found by a scan. Every
 * call ends here but only a stray reply looks anything up, so the layout favours the add: it
 * writes one place at the tail and reads one at the head, where an index by id (a hash table
 * beside the ring) cost a cache miss or more per call in a simulated world of thousands of nodes.
 * The scan is bounded by the capacity (a microsecond at the default). The time limit keeps the
 * ring to the calls of the last seconds: a stray reply comes within seconds of its call.
 */
final class FinishedTransactions {
    private static final int STRIDE = 3;

    private final int capacity;
    private final long retentionNanos;
    /** Triples, oldest at {@code head}; grows up to {@code capacity} triples. */
    private long[] ring = new long[16 * STRIDE];
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

    /** {@code TRUE} if {@code txId} finished answered, {@code FALSE} if it timed out, {@code null} if not remembered. */
    Boolean answered(long txId) {
        int at = find(txId);
        return at < 0 ? null : ring[at + 2] != 0;
    }

    /**
     * Remembers {@code txId}, finished at {@code nowNanos} (never before an earlier add's time). An
     * id is added once: the RPC layer finishes each call once and never reuses a pending id.
     */
    void add(long txId, boolean wasAnswered, long nowNanos) {
        if (capacity == 0) {
            return;
        }
        while (count > 0 && nowNanos - ring[head * STRIDE + 1] > retentionNanos) {
            forgetOldest();
        }
        if (count == capacity) {
            forgetOldest();
        } else if (count * STRIDE == ring.length) {
            grow();
        }
        int at = (head + count) % slots() * STRIDE;
        ring[at] = txId;
        ring[at + 1] = nowNanos;
        ring[at + 2] = wasAnswered ? 1 : 0;
        count++;
    }

    /** Index in the ring of the newest triple for {@code txId}, or -1. */
    private int find(long txId) {
        for (int i = count - 1; i >= 0; i--) {
            int at = (head + i) % slots() * STRIDE;
            if (ring[at] == txId) {
                return at;
            }
        }
        return -1;
    }

    private int slots() {
        return ring.length / STRIDE;
    }

    private void forgetOldest() {
        head = (head + 1) % slots();
        count--;
    }

    private void grow() {
        int slots = Math.min(capacity, slots() * 2);
        long[] bigger = new long[slots * STRIDE];
        for (int i = 0; i < count; i++) {
            System.arraycopy(ring, (head + i) % slots() * STRIDE, bigger, i * STRIDE, STRIDE);
        }
        ring = bigger;
        head = 0;
    }
}
