package io.chordia.app.arch.impure;

/** A fixture for {@code SwarmPurityArchTest}: swarm-like code that reads the system clock and touches Netty. */
public final class ClockReadingPicker {
    private ClockReadingPicker() {}

    public static long now() {
        return System.nanoTime();
    }

    public static Object buffer() {
        return io.netty.buffer.Unpooled.buffer(16);
    }
}
