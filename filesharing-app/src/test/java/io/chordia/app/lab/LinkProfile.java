package io.chordia.app.lab;

import java.time.Duration;

/**
 * What the relay does to the packets a host sends: delay, give or take up to {@code jitter}
 * (uniform), and drop a fraction {@code loss} of them.
 */
public record LinkProfile(Duration delay, Duration jitter, double loss) {
    /** The functional scenarios' network: a continent apart, a little lossy. */
    public static final LinkProfile WIDE_AREA = new LinkProfile(Duration.ofMillis(20), Duration.ofMillis(5), 0.01);

    public LinkProfile {
        if (delay.isNegative() || jitter.isNegative() || !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("delay and jitter >= 0, loss within 0..1: " + delay + " " + jitter + " " + loss);
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d ms ± %d ms, %.1f %% loss", delay.toMillis(), jitter.toMillis(), loss * 100);
    }

    /** The relay command's arguments: DELAY_MS JITTER_MS LOSS. */
    String relayArguments() {
        return delay.toMillis() + " " + jitter.toMillis() + " " + loss;
    }
}
