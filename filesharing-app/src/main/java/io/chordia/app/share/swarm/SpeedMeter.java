package io.chordia.app.share.swarm;

import java.time.Duration;

/** Download speed smoothed over recent ticks, the ETA it implies, and the average of a whole run. */
final class SpeedMeter {
    private final long startNanos;
    private long sampleNanos;
    private long sampleBytes;
    private double bytesPerSecond;

    SpeedMeter(long startNanos) {
        this.startNanos = startNanos;
        this.sampleNanos = startNanos;
    }

    /** Takes a sample: {@code bytes} received in total by {@code nowNanos}. */
    void sample(long nowNanos, long bytes) {
        double seconds = (nowNanos - sampleNanos) / 1e9;
        if (seconds > 0) {
            double instant = (bytes - sampleBytes) / seconds;
            bytesPerSecond = bytesPerSecond == 0 ? instant : 0.7 * bytesPerSecond + 0.3 * instant;
            sampleNanos = nowNanos;
            sampleBytes = bytes;
        }
    }

    double recent() {
        return bytesPerSecond;
    }

    double average(long nowNanos, long bytes) {
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds > 0 ? bytes / seconds : 0;
    }

    /** Time to move {@code remaining} bytes at the recent speed, or null before there is one. */
    Duration eta(long remaining) {
        return bytesPerSecond > 1 ? Duration.ofMillis((long) (remaining / bytesPerSecond * 1000)) : null;
    }
}
