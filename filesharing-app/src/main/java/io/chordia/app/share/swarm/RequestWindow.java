package io.chordia.app.share.swarm;

/**
 * How many block requests one link keeps in flight. A fixed number is either too small for a fast
 * link (it waits a round trip per window) or too large for a slow one (requests queue at a peer
 * that may choke us). So, as libtorrent does: the window starts at the floor and grows by one per
 * delivered block (slow start: it doubles every round trip) until the delivered rate stops
 * growing; from then on it covers {@code queueTime} of the link's measured rate. It never exceeds
 * what the peer said it queues (BEP 10's {@code reqq}) nor the configured cap (memory), and it
 * falls back to the floor on a link that delivers nothing. Driven by the fetch's clock through
 * {@link #sample}; confined to the fetch's node thread.
 */
final class RequestWindow {
    /** A sample's rate must beat the previous one by this factor for slow start to go on. */
    private static final double STILL_GROWING = 1.1;
    /**
     * The shortest interval a rate is measured over. Deliveries take samples too, not only the
     * owner's tick (2 s in the simulator): slow start on a link whose bandwidth is the bound would
     * otherwise keep adding a request per block for a whole tick.
     */
    private static final long SAMPLE_NANOS = 250_000_000L;

    private final int floor;
    private final int hardCap;
    private final double queueSeconds;
    private int cap;
    private int size;
    private boolean slowStart = true;
    private long sampleStartNanos;
    private long sampleBytes;
    private double lastSampleRate;
    private double rate;

    RequestWindow(SwarmConfig config, long nowNanos) {
        this.floor = config.requestWindowFloor();
        this.hardCap = config.requestWindowCap();
        this.queueSeconds = config.requestQueueTime().toNanos() / 1e9;
        this.cap = hardCap;
        this.size = floor;
        this.sampleStartNanos = nowNanos;
    }

    /** Requests to keep in flight now. */
    int size() {
        return size;
    }

    /** The link's delivered rate as last measured, in bytes per second. */
    double rate() {
        return rate;
    }

    boolean slowStart() {
        return slowStart;
    }

    /** The peer keeps at most {@code requests} of ours queued; more would be dropped, so this beats the floor. */
    void peerQueue(int requests) {
        cap = Math.max(1, Math.min(hardCap, requests));
        size = Math.min(size, cap);
    }

    /** A requested block arrived at {@code nowNanos}. */
    void delivered(int bytes, long nowNanos) {
        sampleBytes += bytes;
        if (slowStart && size < cap) {
            size++;
        }
        if (nowNanos - sampleStartNanos >= SAMPLE_NANOS) {
            resize(nowNanos);
        }
    }

    /** The peer choked us: what it delivered so far says nothing about how far the window should grow. */
    void choked() {
        slowStart = false;
    }

    /**
     * Measures the rate since the last sample, when that is long enough ago, and resizes the
     * window; the owner calls it now and then (every tick), so a link that delivers nothing is
     * measured too. Returns whether the window grew.
     */
    boolean sample(long nowNanos) {
        if (nowNanos - sampleStartNanos < SAMPLE_NANOS) {
            return false;
        }
        int before = size;
        resize(nowNanos);
        return size > before;
    }

    private void resize(long nowNanos) {
        long elapsed = nowNanos - sampleStartNanos;
        double instant = sampleBytes * 1e9 / elapsed;
        rate = rate == 0 ? instant : 0.5 * rate + 0.5 * instant;
        sampleStartNanos = nowNanos;
        sampleBytes = 0;
        if (slowStart && (instant == 0 || instant < lastSampleRate * STILL_GROWING)) {
            slowStart = lastSampleRate == 0 && instant == 0; // nothing yet: not started, so not over
        }
        lastSampleRate = instant;
        if (!slowStart) {
            long wanted = (long) (rate * queueSeconds / PeerLink.BLOCK_SIZE);
            size = (int) Math.min(cap, Math.max(floor, wanted));
        }
    }
}
