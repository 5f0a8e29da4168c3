package io.chordia.app.share.wire;

import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one share service's wire: written on I/O threads, read from any. */
public final class WireStats implements DropCounter {
    private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
    private final LongAdder blocksServed = new LongAdder();
    private final LongAdder bytesServed = new LongAdder();
    private final LongAdder chokesReceived = new LongAdder();
    private final LongAdder bytesServedWhilePartial = new LongAdder();

    public WireStats() {
        for (DropReason r : DropReason.values()) {
            drops.put(r, new LongAdder());
        }
    }

    @Override
    public void dropped(DropReason reason) {
        drops.get(reason).increment();
    }

    public long drops(DropReason reason) {
        return drops.get(reason).sum();
    }

    @Override
    public void choked() {
        chokesReceived.increment();
    }

    /** CHOKE frames our fetches received: refused upload slots and tit-for-tat rounds alike. */
    public long chokesReceived() {
        return chokesReceived.sum();
    }

    void served(int bytes) {
        blocksServed.increment();
        bytesServed.add(bytes);
    }

    void servedWhilePartial(int bytes) {
        bytesServedWhilePartial.add(bytes);
    }

    /** Of {@link #bytesServed()}, what left while this peer was still fetching the content (a partial seeder's upload). */
    public long bytesServedWhilePartial() {
        return bytesServedWhilePartial.sum();
    }

    public long blocksServed() {
        return blocksServed.sum();
    }

    public long bytesServed() {
        return bytesServed.sum();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("served ").append(blocksServed()).append(" blocks, ").append(bytesServed())
                .append(" bytes; ")
                .append(chokesReceived()).append(" chokes received; dropped");
        for (DropReason r : DropReason.values()) {
            long n = drops(r);
            if (n > 0) {
                b.append(' ').append(r).append('=').append(n);
            }
        }
        return b.toString();
    }
}
