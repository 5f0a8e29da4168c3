package io.chordia.bootstrap;

import io.chordia.transport.netty.DatagramGate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * The bootstrap node's {@link DatagramGate}: a token bucket per source IP (IPv6: per /64), then a
 * shared bucket, before any byte is decoded. Sources the node has verified (they answered our
 * ping) draw on a shared bucket of their own, so a flood of strangers cannot starve them.
 *
 * <p>The per-source table is an LRU map with a hard cap: spoofed sources evict the least recently
 * seen bucket instead of growing memory. An evicted source comes back with a full bucket, which is
 * why the shared buckets exist.
 *
 * <p>Threading: {@link #admit} runs on the transport's event loop only; the counters and
 * {@link #trackedSources()} may be read from any thread.
 */
final class SourceRateLimiter implements DatagramGate {
    private final BootstrapLimits limits;
    private final LongSupplier nanos;
    private final LongPredicate verifiedSource;
    private final LinkedHashMap<Long, TokenBucket> buckets;
    private final TokenBucket strangers;
    private final TokenBucket verified;
    private final LongAdder admitted = new LongAdder();
    private final LongAdder limitedPerSource = new LongAdder();
    private final LongAdder limitedGlobally = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private volatile int trackedSources;

    /**
     * @param nanos          a monotonic clock
     * @param verifiedSource whether a source key (see {@link SourceKeys}) belongs to a verified peer
     */
    SourceRateLimiter(BootstrapLimits limits, LongSupplier nanos, LongPredicate verifiedSource) {
        this.limits = limits;
        this.nanos = nanos;
        this.verifiedSource = verifiedSource;
        int cap = limits.maxTrackedSources();
        this.buckets = new LinkedHashMap<>(Math.min(cap, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, TokenBucket> eldest) {
                if (size() > cap) {
                    evictions.increment();
                    return true;
                }
                return false;
            }
        };
        long now = nanos.getAsLong();
        // A second's worth of burst for the shared buckets.
        this.strangers = new TokenBucket(limits.globalRate(), limits.globalRate(), now);
        this.verified = new TokenBucket(limits.verifiedRate(), limits.verifiedRate(), now);
    }

    @Override
    public boolean admit(InetSocketAddress sender, int bytes) {
        InetAddress ip = sender.getAddress();
        if (ip == null) {
            limitedPerSource.increment();
            return false;
        }
        return admit(SourceKeys.of(ip));
    }

    boolean admit(long sourceKey) {
        long now = nanos.getAsLong();
        TokenBucket bucket = buckets.get(sourceKey);
        if (bucket == null) {
            bucket = new TokenBucket(limits.perSourceRate(), limits.perSourceBurst(), now);
            buckets.put(sourceKey, bucket);
            trackedSources = buckets.size();
        }
        if (!bucket.tryTake(now)) {
            limitedPerSource.increment();
            return false;
        }
        TokenBucket shared = verifiedSource.test(sourceKey) ? verified : strangers;
        if (!shared.tryTake(now)) {
            limitedGlobally.increment();
            return false;
        }
        admitted.increment();
        return true;
    }

    int trackedSources() {
        return trackedSources;
    }

    long admitted() {
        return admitted.sum();
    }

    long limitedPerSource() {
        return limitedPerSource.sum();
    }

    long limitedGlobally() {
        return limitedGlobally.sum();
    }

    long evictions() {
        return evictions.sum();
    }
}
