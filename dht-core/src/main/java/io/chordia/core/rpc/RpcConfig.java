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
        return builder().build();
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder().timeout(timeout).maxAttempts(maxAttempts).backoffFactor(backoffFactor)
                .maxTimeout(maxTimeout).maxPendingCalls(maxPendingCalls).recentTxMemory(recentTxMemory);
    }

    public RpcConfig withTimeout(Duration value) {
        return toBuilder().timeout(value).build();
    }

    public RpcConfig withMaxAttempts(int value) {
        return toBuilder().maxAttempts(value).build();
    }

    public RpcConfig withBackoffFactor(double value) {
        return toBuilder().backoffFactor(value).build();
    }

    public RpcConfig withMaxPendingCalls(int value) {
        return toBuilder().maxPendingCalls(value).build();
    }

    /** Settings by name; {@link #build()} validates them all through the canonical constructor. */
    public static final class Builder {
        private Duration timeout = Duration.ofMillis(500);
        private int maxAttempts = 3;
        private double backoffFactor = 2.0;
        private Duration maxTimeout = Duration.ofSeconds(4);
        private int maxPendingCalls = 8192;
        private int recentTxMemory = 1024;

        private Builder() {}

        /** Also raises {@code maxTimeout} to {@code value} if it was lower, as {@link RpcConfig#withTimeout} does. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            if (value != null && maxTimeout != null && maxTimeout.compareTo(value) < 0) {
                this.maxTimeout = value;
            }
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder backoffFactor(double value) {
            this.backoffFactor = value;
            return this;
        }

        public Builder maxTimeout(Duration value) {
            this.maxTimeout = value;
            return this;
        }

        public Builder maxPendingCalls(int value) {
            this.maxPendingCalls = value;
            return this;
        }

        public Builder recentTxMemory(int value) {
            this.recentTxMemory = value;
            return this;
        }

        public RpcConfig build() {
            return new RpcConfig(timeout, maxAttempts, backoffFactor, maxTimeout, maxPendingCalls, recentTxMemory);
        }
    }

    /** The wait of attempt {@code attempt} (1-based): timeout · factor^(attempt-1), capped. */
    public long attemptTimeoutNanos(int attempt) {
        double nanos = timeout.toNanos() * StrictMath.pow(backoffFactor, attempt - 1);
        return (long) Math.min(nanos, (double) maxTimeout.toNanos());
    }
}
