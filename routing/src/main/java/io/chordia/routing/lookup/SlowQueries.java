package io.chordia.routing.lookup;

import io.chordia.core.net.Address;
import io.chordia.core.rpc.RoundTripTimes;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts lookup requests that outlived their target's round-trip timeout (the lookup moved on) and
 * those of them answered after all, and decides which slow requests are worth waiting for. The
 * counters are written on the node thread and readable from any thread; the rest is node thread only.
 *
 * <p>A slow request is worth waiting for (it holds its lookup's end, not its α slot, until it is
 * answered or its call times out) when its target is probably alive: it answered us within the
 * last {@link #RECENT_NANOS}, and most of this node's recent slow requests were answered late.
 * The first says the node was up a moment ago (for sessions of minutes it very likely still is);
 * the second says slowness here is congestion (a loaded host, a queue on loopback, where the
 * round-trip timeout sits at its 100-ms floor) rather than death, which is what it is when nodes
 * crash: then the late answers stop and lookups stop waiting. docs/protocols/kademlia.md has the
 * figures.
 */
public final class SlowQueries {
    /** 10 s: with sessions of median 30 min a node heard 10 s ago is dead with P ≈ 0.4%; with 1.4 min, 8%. */
    public static final long RECENT_NANOS = 10_000_000_000L;
    /** How many resolved slow requests (late answer or final timeout) the late share is taken over. */
    private static final int OUTCOMES = 8;

    private final LongAdder slow = new LongAdder();
    private final LongAdder lateAnswers = new LongAdder();
    private final boolean[] outcomes = new boolean[OUTCOMES];
    private int next;
    private int filled;
    private int lateInWindow;

    public void slow() {
        slow.increment();
    }

    /** A slow request was answered before its call's timeout. */
    public void lateAnswer() {
        lateAnswers.increment();
        resolve(true);
    }

    /** A slow request's call failed for good (its timeout, or an error). */
    public void neverAnswered() {
        resolve(false);
    }

    private void resolve(boolean late) {
        if (filled == OUTCOMES && outcomes[next]) {
            lateInWindow--;
        }
        outcomes[next] = late;
        if (late) {
            lateInWindow++;
        }
        next = (next + 1) % OUTCOMES;
        filled = Math.min(filled + 1, OUTCOMES);
    }

    /** Whether a still-open slow request to {@code peer} should keep its lookup from finishing. */
    public boolean worthWaitingFor(Address peer, RoundTripTimes roundTrips, long nowNanos) {
        // No slow request resolved yet: no evidence either way, so recency alone decides.
        boolean slowMostlyAnswers = filled == 0 || 2 * lateInWindow >= filled;
        return slowMostlyAnswers && roundTrips.answeredWithin(peer, nowNanos, RECENT_NANOS);
    }

    public long slowCount() {
        return slow.sum();
    }

    public long lateAnswerCount() {
        return lateAnswers.sum();
    }
}
