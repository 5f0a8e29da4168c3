package io.chordia.transport.netty;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Wall-clock waiting for real sockets: poll a condition until it holds or the deadline passes. */
final class Polling {
    private Polling() {}

    static void await(BooleanSupplier condition, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + max);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
