package io.chordia.bootstrap;

import io.chordia.transport.guard.SourceKeys;
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
 * <p>The per-source table has a hard cap. A new source takes the place of the least recently
 * seen one only if that one's bucket has refilled (it has been quiet: forgetting it loses
 * nothing); otherwise the table is full of active sources, and new ones share a single
 * <em>untracked</em> bucket of {@value #UNTRACKED_SHARE} sources' worth. So spoofing many
 * addresses neither grows memory nor buys fresh buckets, and cannot push an active peer out.
 *
 * <p>Threading: {@link #admit} runs on the transport's event loop only; the counters and
 * {@link #trackedSources()} may be read from any thread.
 */
final class SourceRateLimiter implements DatagramGate {
    /** The untracked bucket's rate and burst, in per-source rates and bursts. */
    static final int UNTRACKED_SHARE = 10;

    private final BootstrapLimits limits;
    private final LongSupplier nanos;
    private final LongPredicate verifiedSource;
    private final LinkedHashMap<Long, TokenBucket> buckets;
    private final TokenBucket untracked;
    private final TokenBucket strangers;
    private final TokenBucket verified;
    private final LongAdder admitted = new LongAdder();
    private final LongAdder limitedPerSource = new LongAdder();
    private final LongAdder limitedGlobally = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder untrackedDatagrams = new LongAdder();
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
        this.buckets = new LinkedHashMap<>(Math.min(cap, 1 << 16) * 4 / 3 + 1, 0.75f, true);
        long now = nanos.getAsLong();
        this.untracked = new TokenBucket(UNTRACKED_SHARE * limits.perSourceRate(),
                UNTRACKED_SHARE * limits.perSourceBurst(), now);
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
            bucket = track(sourceKey, now);
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

    /** A bucket for a source not in the table: its own if there is room, else the shared one. */
    private TokenBucket track(long sourceKey, long now) {
        if (buckets.size() >= limits.maxTrackedSources()) {
            Map.Entry<Long, TokenBucket> eldest = buckets.entrySet().iterator().next();
            // A verified peer always gets a bucket of its own: it proved its address is real.
            if (!eldest.getValue().isFull(now) && !verifiedSource.test(sourceKey)) {
                untrackedDatagrams.increment();
                return untracked;
            }
            buckets.remove(eldest.getKey());
            evictions.increment();
        }
        TokenBucket bucket = new TokenBucket(limits.perSourceRate(), limits.perSourceBurst(), now);
        buckets.put(sourceKey, bucket);
        trackedSources = buckets.size();
        return bucket;
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

    /** Datagrams from sources that found the table full of active ones, and shared the untracked bucket. */
    long untrackedDatagrams() {
        return untrackedDatagrams.sum();
    }
}
