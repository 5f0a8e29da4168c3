package io.chordia.core.sim;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * One direction of a simulated stream link: frames leave one after another at
 * {@code bytesPerSecond} and each arrives {@code latency} after its last byte left.
 */
public record StreamLink(long bytesPerSecond, Duration latency) {
    public StreamLink {
        Checks.check(bytesPerSecond > 0 && bytesPerSecond <= 1L << 50, "bytesPerSecond must be in (0, 2^50], was %s", bytesPerSecond);
        Checks.nonNegative(latency, "latency");
    }

    /** Nanoseconds {@code bytes} (a frame: below 2^31) take to leave at this link's rate, rounded up. */
    long transmitNanos(int bytes) {
        return (bytes * 1_000_000_000L + bytesPerSecond - 1) / bytesPerSecond;
    }
}
