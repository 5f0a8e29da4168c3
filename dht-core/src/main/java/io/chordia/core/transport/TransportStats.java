package io.chordia.core.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Traffic counters of one transport; updated on I/O threads, readable from any thread. All in one
 * array: a simulated world has thousands of transports, and an adder object per counter cost a
 * cache miss per datagram; the counters of one transport are rarely contended.
 */
public final class TransportStats {
    private static final int SENT = 0;
    private static final int SENT_BYTES = 1;
    private static final int RECEIVED = 2;
    private static final int RECEIVED_BYTES = 3;
    private static final int FIRST_DROP = 4;
    private static final DropReason[] REASONS = DropReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(FIRST_DROP + REASONS.length);
    private final boolean singleWriter;

    /** Counters any number of threads may update at once. */
    public TransportStats() {
        this(false);
    }

    private TransportStats(boolean singleWriter) {
        this.singleWriter = singleWriter;
    }

    /**
     * Counters that only one thread at a time updates (the simulator's, whose whole world runs on
     * one thread): a plain add and a release store instead of an atomic add, several per datagram.
     */
    public static TransportStats singleWriter() {
        return new TransportStats(true);
    }

    public void recordSent(int bytes) {
        add(SENT, 1);
        if (bytes != 0) {
            add(SENT_BYTES, bytes);
        }
    }

    public void recordReceived(int bytes) {
        add(RECEIVED, 1);
        if (bytes != 0) {
            add(RECEIVED_BYTES, bytes);
        }
    }

    public void recordDropped(DropReason reason) {
        add(FIRST_DROP + reason.ordinal(), 1);
    }

    private void add(int counter, long n) {
        if (singleWriter) {
            counts.lazySet(counter, counts.get(counter) + n);
        } else {
            counts.getAndAdd(counter, n);
        }
    }

    public long sent() {
        return counts.get(SENT);
    }

    public long sentBytes() {
        return counts.get(SENT_BYTES);
    }

    public long received() {
        return counts.get(RECEIVED);
    }

    public long receivedBytes() {
        return counts.get(RECEIVED_BYTES);
    }

    public long dropped(DropReason reason) {
        return counts.get(FIRST_DROP + reason.ordinal());
    }

    public long droppedTotal() {
        long total = 0;
        for (DropReason r : REASONS) {
            total += dropped(r);
        }
        return total;
    }

    /** A point-in-time copy of the drop counters, in {@link DropReason} order. */
    public Map<DropReason, Long> droppedByReason() {
        EnumMap<DropReason, Long> out = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            out.put(r, dropped(r));
        }
        return out;
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " (" + sentBytes() + " B) received=" + received() + " (" + receivedBytes()
                + " B) dropped=" + droppedTotal();
    }
}
