package io.chordia.core.sim;

import io.chordia.core.util.Checks;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** A distribution of one-way link delays. */
@FunctionalInterface
public interface LatencyModel {
    /** One delay sample in nanoseconds, never negative. */
    long sampleNanos(RandomGenerator random);

    static LatencyModel constant(Duration delay) {
        Checks.nonNegative(delay, "delay");
        long nanos = delay.toNanos();
        return random -> nanos;
    }

    /** Uniform on [min, max]. */
    static LatencyModel uniform(Duration min, Duration max) {
        Checks.nonNegative(min, "min");
        Checks.check(max.compareTo(min) >= 0, "max %s is below min %s", max, min);
        long lo = min.toNanos();
        long span = max.toNanos() - lo;
        return random -> span == 0 ? lo : lo + random.nextLong(span + 1);
    }

    /**
     * Log-normal with the given median and shape: a heavy right tail like wide-area paths. With
     * median 40 ms and sigma 0.6, the 99th percentile is about 160 ms. Capped at 60 s.
     */
    static LatencyModel logNormal(Duration median, double sigma) {
        Checks.positive(median, "median");
        Checks.check(sigma > 0 && sigma < 5, "sigma must be in (0, 5), was %s", sigma);
        double mu = StrictMath.log(median.toNanos());
        long cap = Duration.ofSeconds(60).toNanos();
        return random -> (long) Math.min(cap, StrictMath.exp(mu + sigma * random.nextGaussian()));
    }
}
