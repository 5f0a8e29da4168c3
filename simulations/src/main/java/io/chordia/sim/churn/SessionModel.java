package io.chordia.sim.churn;

import java.util.random.RandomGenerator;

/**
 * How long a node stays up, as a distribution with a given median (measured P2P sessions are
 * heavy-tailed, so the median, not the mean, is the comparable figure). Shapes: Weibull k = 0.5
 * and Pareto α = 2, both with tails far heavier than the exponential's; samples are capped at
 * 1,000 medians so a single draw cannot outlive every run.
 */
public enum SessionModel {
    EXPONENTIAL {
        @Override
        double sampleOverMedian(RandomGenerator random) {
            return -StrictMath.log(1 - random.nextDouble()) / StrictMath.log(2);
        }
    },
    WEIBULL {
        private static final double SHAPE = 0.5;

        @Override
        double sampleOverMedian(RandomGenerator random) {
            // scale = median / (ln 2)^(1/k)
            return StrictMath.pow(-StrictMath.log(1 - random.nextDouble()), 1 / SHAPE) / StrictMath.pow(StrictMath.log(2), 1 / SHAPE);
        }
    },
    PARETO {
        private static final double SHAPE = 2;

        @Override
        double sampleOverMedian(RandomGenerator random) {
            // x_min = median / 2^(1/α)
            return StrictMath.pow(1 - random.nextDouble(), -1 / SHAPE) / StrictMath.pow(2, 1 / SHAPE);
        }
    };

    abstract double sampleOverMedian(RandomGenerator random);

    /** One session length in nanoseconds, for sessions of median {@code medianNanos}. */
    public long sampleNanos(long medianNanos, RandomGenerator random) {
        return (long) (medianNanos * Math.min(1000, sampleOverMedian(random)));
    }
}
