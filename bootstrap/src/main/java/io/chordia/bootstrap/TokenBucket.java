package io.chordia.bootstrap;

/**
 * A token bucket in integer arithmetic: {@code rate} tokens a second up to {@code burst}, one
 * token per datagram. Time comes from the caller, so tests drive it. Not thread-safe: each
 * bucket belongs to one event loop.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long nanosPerToken;
    private final long capacityNanos;
    /** Tokens held, as the nanoseconds it took to earn them; avoids rounding drift. */
    private long heldNanos;
    private long lastNanos;

    TokenBucket(int rate, int burst, long nowNanos) {
        this.nanosPerToken = Math.max(1, NANOS_PER_SECOND / rate);
        this.capacityNanos = nanosPerToken * burst;
        this.heldNanos = capacityNanos;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            // Saturate before adding: a long-idle bucket must not overflow into negative tokens.
            heldNanos = elapsed >= capacityNanos ? capacityNanos : Math.min(capacityNanos, heldNanos + elapsed);
            lastNanos = nowNanos;
        }
        if (heldNanos >= nanosPerToken) {
            heldNanos -= nanosPerToken;
            return true;
        }
        return false;
    }

    /** True when the bucket has refilled to its burst: it is indistinguishable from a new one. */
    boolean isFull(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        return elapsed >= capacityNanos || heldNanos + Math.max(0, elapsed) >= capacityNanos;
    }

    /** Whole tokens held at {@code nowNanos}, without taking any. */
    long tokens(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        long held = elapsed >= capacityNanos ? capacityNanos : Math.min(capacityNanos, heldNanos + elapsed);
        return held / nanosPerToken;
    }
}
