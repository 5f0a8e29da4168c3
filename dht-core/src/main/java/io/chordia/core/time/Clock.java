package io.chordia.core.time;

/** A monotonic clock: virtual in simulation, {@code System.nanoTime} on real sockets. */
@FunctionalInterface
public interface Clock {
    /** Nanoseconds since an arbitrary origin; only differences are meaningful. */
    long nanoTime();
}
