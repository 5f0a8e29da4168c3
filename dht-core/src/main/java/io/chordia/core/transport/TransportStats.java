package io.chordia.core.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Traffic counters of one transport; updated on I/O threads, readable from any thread. */
public final class TransportStats {
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final EnumMap<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    public TransportStats() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    public void recordSent(int bytes) {
        sent.increment();
        sentBytes.add(bytes);
    }

    public void recordReceived(int bytes) {
        received.increment();
        receivedBytes.add(bytes);
    }

    public void recordDropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public long sent() {
        return sent.sum();
    }

    public long sentBytes() {
        return sentBytes.sum();
    }

    public long received() {
        return received.sum();
    }

    public long receivedBytes() {
        return receivedBytes.sum();
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason).sum();
    }

    public long droppedTotal() {
        long total = 0;
        for (LongAdder a : dropped.values()) {
            total += a.sum();
        }
        return total;
    }

    /** A point-in-time copy of the drop counters, in {@link DropReason} order. */
    public Map<DropReason, Long> droppedByReason() {
        EnumMap<DropReason, Long> out = new EnumMap<>(DropReason.class);
        dropped.forEach((r, a) -> out.put(r, a.sum()));
        return out;
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " (" + sentBytes() + " B) received=" + received() + " (" + receivedBytes()
                + " B) dropped=" + droppedTotal();
    }
}
