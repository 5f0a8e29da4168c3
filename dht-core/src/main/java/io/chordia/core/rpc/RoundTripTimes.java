package io.chordia.core.rpc;

import io.chordia.core.net.Address;
import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * Smoothed round-trip times per peer address and the retransmission timeout each gives, as RFC
 * 6298 computes them (α = 1/8, β = 1/4, RTO = SRTT + 4·RTTVAR, clamped), so a lookup can give up
 * on a silent node after a few of its usual round trips instead of a fixed half second or more.
 * A peer never measured gets the same formula over every sample this node took (all peers in one
 * estimator: its variance spans the spread between peers, so the default is wide, not optimistic),
 * and {@code initial} before any sample at all.
 *
 * <p>Bounded: the least recently measured peers are forgotten past {@code capacity}. Samples come
 * only from calls answered at their first send (Karn's rule: a reply to a retransmitted request
 * cannot say which send it answers). Node thread only.
 */
public final class RoundTripTimes {
    private final long minNanos;
    private final long maxNanos;
    private final long initialNanos;
    private final Estimate overall = new Estimate();
    private final PeerEstimates byPeer;

    public RoundTripTimes(int capacity, Duration min, Duration max, Duration initial) {
        this.byPeer = new PeerEstimates(Checks.inRange(capacity, 1, 1 << 20, "capacity"));
        this.minNanos = Checks.positive(min, "min").toNanos();
        this.maxNanos = Checks.positive(max, "max").toNanos();
        this.initialNanos = Checks.positive(initial, "initial").toNanos();
        Checks.check(minNanos <= maxNanos, "min %s above max %s", minNanos, maxNanos);
    }

    /**
     * 256 peers, RTO in [100 ms, 1 s], 1 s before the first sample (RFC 6298's initial RTO). The cap
     * is below RFC 6298's 60 s because a lookup keeps listening after the RTO: a timeout that comes
     * too early costs one more request, not the answer.
     */
    public static RoundTripTimes defaults() {
        return new RoundTripTimes(256, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** Adds one round trip to {@code peer} measured at {@code atNanos} (the answer's arrival, node clock). */
    public void sample(Address peer, long rttNanos, long atNanos) {
        if (rttNanos < 0) {
            return;
        }
        overall.add(rttNanos);
        int slot = byPeer.useOrAdd(peer);
        long samples = byPeer.get(slot, PeerEstimates.SAMPLES);
        long srtt = byPeer.get(slot, PeerEstimates.SRTT);
        long rttvar = byPeer.get(slot, PeerEstimates.RTTVAR);
        byPeer.set(slot, PeerEstimates.SRTT, Estimate.nextSrtt(samples, srtt, rttNanos));
        byPeer.set(slot, PeerEstimates.RTTVAR, Estimate.nextRttvar(samples, srtt, rttvar, rttNanos));
        byPeer.set(slot, PeerEstimates.SAMPLES, samples + 1);
        byPeer.set(slot, PeerEstimates.LAST, atNanos);
    }

    /**
     * Whether {@code peer} answered one of our first sends within {@code windowNanos} before
     * {@code nowNanos}: evidence that it is up, for callers deciding whether silence means death.
     */
    public boolean answeredWithin(Address peer, long nowNanos, long windowNanos) {
        int slot = byPeer.use(peer);
        return slot >= 0 && nowNanos - byPeer.get(slot, PeerEstimates.LAST) <= windowNanos;
    }

    /** How long to wait for {@code peer} before counting it slow: its RTO, else every peer's, else the initial one. */
    public long timeoutNanos(Address peer) {
        int slot = byPeer.use(peer);
        long rto = slot >= 0 ? byPeer.get(slot, PeerEstimates.SRTT) + 4 * byPeer.get(slot, PeerEstimates.RTTVAR)
                : overall.samples == 0 ? initialNanos : overall.srttNanos + 4 * overall.rttvarNanos;
        return Math.max(minNanos, Math.min(maxNanos, rto));
    }

    /**
     * {@code base} with each attempt's wait cut to {@code peer}'s timeout where that is shorter: for
     * calls that have other candidates to try if this peer stays silent (recursive hops).
     */
    public RpcConfig forPeer(Address peer, RpcConfig base) {
        long rto = timeoutNanos(peer);
        return rto >= base.timeout().toNanos() ? base : base.withTimeout(Duration.ofNanos(rto));
    }

    /** Whether {@code peer} has a sample of its own (still held). */
    public boolean knows(Address peer) {
        return byPeer.peek(peer) >= 0;
    }

    public int size() {
        return byPeer.size();
    }

    /**
     * SRTT and RTTVAR in nanoseconds, updated with RFC 6298 section 2's integer-friendly gains: over
     * every peer here, and per peer in {@link PeerEstimates} with the same formulas.
     */
    private static final class Estimate {
        long srttNanos;
        long rttvarNanos;
        long samples;

        void add(long r) {
            rttvarNanos = nextRttvar(samples, srttNanos, rttvarNanos, r);
            srttNanos = nextSrtt(samples, srttNanos, r);
            samples++;
        }

        static long nextSrtt(long samples, long srtt, long r) {
            return samples == 0 ? r : srtt - srtt / 8 + r / 8;
        }

        static long nextRttvar(long samples, long srtt, long rttvar, long r) {
            return samples == 0 ? r / 2 : rttvar - rttvar / 4 + Math.abs(srtt - r) / 4;
        }
    }
}
