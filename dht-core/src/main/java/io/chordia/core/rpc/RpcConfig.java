package io.chordia.core.rpc;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * Timeouts and retries of outgoing calls, and the bounds of the pending-call table.
 *
 * @param timeout          wait for the first attempt's response
 * @param maxAttempts      sends per call, the first included (1 = no retries)
 * @param backoffFactor    each retry waits this many times longer than the attempt before it
 * @param maxTimeout       cap on one attempt's wait
 * @param maxPendingCalls  calls in flight at once; more fail fast with {@link RpcOverloadedException}
 * @param recentTxMemory   finished transaction ids remembered (for 30 s at most), to tell late and
 *                         duplicate replies apart; a stray reply is looked up by a scan of them
 */
public record RpcConfig(Duration timeout, int maxAttempts, double backoffFactor, Duration maxTimeout,
                        int maxPendingCalls, int recentTxMemory) {
    public RpcConfig {
        Checks.positive(timeout, "timeout");
        Checks.inRange(maxAttempts, 1, 10, "maxAttempts");
        Checks.check(backoffFactor >= 1.0 && backoffFactor <= 10.0, "backoffFactor must be in [1, 10], was %s", backoffFactor);
        Checks.positive(maxTimeout, "maxTimeout");
        Checks.check(maxTimeout.compareTo(timeout) >= 0, "maxTimeout %s is below timeout %s", maxTimeout, timeout);
        Checks.inRange(maxPendingCalls, 1, 1 << 20, "maxPendingCalls");
        Checks.inRange(recentTxMemory, 0, 1 << 20, "recentTxMemory");
    }

    public static RpcConfig defaults() {
        return new RpcConfig(Duration.ofMillis(500), 3, 2.0, Duration.ofSeconds(4), 8192, 1024);
    }

    public RpcConfig withTimeout(Duration value) {
        return new RpcConfig(value, maxAttempts, backoffFactor, maxTimeout.compareTo(value) < 0 ? value : maxTimeout,
                maxPendingCalls, recentTxMemory);
    }

    public RpcConfig withMaxAttempts(int value) {
        return new RpcConfig(timeout, value, backoffFactor, maxTimeout, maxPendingCalls, recentTxMemory);
    }

    public RpcConfig withBackoffFactor(double value) {
        return new RpcConfig(timeout, maxAttempts, value, maxTimeout, maxPendingCalls, recentTxMemory);
    }

    public RpcConfig withMaxPendingCalls(int value) {
        return new RpcConfig(timeout, maxAttempts, backoffFactor, maxTimeout, value, recentTxMemory);
    }

    /** The wait of attempt {@code attempt} (1-based): timeout · factor^(attempt-1), capped. */
    long attemptTimeoutNanos(int attempt) {
        double nanos = timeout.toNanos() * StrictMath.pow(backoffFactor, attempt - 1);
        return (long) Math.min(nanos, (double) maxTimeout.toNanos());
    }
}
