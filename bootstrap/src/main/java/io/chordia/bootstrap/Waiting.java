package io.chordia.bootstrap;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Wall-clock polling with a deadline, for the commands' main thread (never a node thread). */
final class Waiting {
    private Waiting() {}

    /** True once {@code condition} holds; false if {@code max} passes first. */
    static boolean until(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
