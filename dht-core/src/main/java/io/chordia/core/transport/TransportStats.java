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

    public void recordSent(int bytes) {
        counts.getAndIncrement(SENT);
        if (bytes != 0) {
            counts.getAndAdd(SENT_BYTES, bytes);
        }
    }

    public void recordReceived(int bytes) {
        counts.getAndIncrement(RECEIVED);
        if (bytes != 0) {
            counts.getAndAdd(RECEIVED_BYTES, bytes);
        }
    }

    public void recordDropped(DropReason reason) {
        counts.getAndIncrement(FIRST_DROP + reason.ordinal());
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
