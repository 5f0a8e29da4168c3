package io.chordia.sim.metrics;

import io.chordia.core.sim.LatencyModel;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What each successful lookup would have cost on its oracle route: its hop count times the link
 * model's median one-way delay, as if every hop forwarded straight to the next live node on the
 * path with no timeouts, no waiting on the dead and no round trips back to the origin. Beside the
 * measured latency it shows how much of a lookup's time is waiting rather than travelling.
 */
public final class OracleLatency {
    /** Enough draws that the median is within a fraction of a millisecond for the models offered. */
    private static final int MEDIAN_DRAWS = 10_001;

    private final long oneWayNanos;
    private final Samples micros = new Samples();

    /** {@code random} is a stream of its own, so measuring the model shifts no other draw. */
    public OracleLatency(LatencyModel model, RandomGenerator random) {
        long[] draws = new long[MEDIAN_DRAWS];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = model.sampleNanos(random);
        }
        Arrays.sort(draws);
        this.oneWayNanos = draws[draws.length / 2];
    }

    public long oneWayNanos() {
        return oneWayNanos;
    }

    /** Records a successful lookup of {@code hops} hops. */
    public void lookup(int hops) {
        micros.add(hops * oneWayNanos / 1000);
    }

    public double percentileMs(double p) {
        return micros.percentile(p) / 1000.0;
    }
}
