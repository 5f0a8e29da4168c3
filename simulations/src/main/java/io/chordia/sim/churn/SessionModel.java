package io.chordia.sim.churn;

import java.util.random.RandomGenerator;

/**
 * How long a node stays up, as a distribution with a given median (measured P2P sessions are
 * heavy-tailed, so the median, not the mean, is the comparable figure). Shapes: Weibull k = 0.5
 * and Pareto α = 2, both with tails far heavier than the exponential's; samples are capped at
 * 1,000 medians so a single draw cannot outlive every run.
 *
 * <p>A node already up when a run starts is not at the start of its session: in a network that has
 * churned for long, the time it has left follows the equilibrium residual-life distribution of
 * renewal theory (density S(x) / mean, S the survival function), {@link #sampleResidualNanos}. Drawing
 * fresh sessions for the starting population instead makes every node zero minutes old at once,
 * and under a decreasing hazard (Weibull k &lt; 1) the first seconds then lose nodes many times
 * faster than the steady state ever does.
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

        @Override
        double residualOverMedian(RandomGenerator random) {
            // With k = 1/2 the residual life is scale * G^2, G ~ Gamma(2, 1): the sum of two unit exponentials.
            double g = -StrictMath.log(1 - random.nextDouble()) - StrictMath.log(1 - random.nextDouble());
            return g * g / StrictMath.pow(StrictMath.log(2), 1 / SHAPE);
        }
    },
    PARETO {
        private static final double SHAPE = 2;

        @Override
        double sampleOverMedian(RandomGenerator random) {
            // x_min = median / 2^(1/α)
            return StrictMath.pow(1 - random.nextDouble(), -1 / SHAPE) / StrictMath.pow(2, 1 / SHAPE);
        }

        @Override
        double residualOverMedian(RandomGenerator random) {
            // alpha = 2, mean 2 x_min: uniform below x_min with probability 1/2, else x_min / (2 (1 - u)).
            double xMin = 1 / StrictMath.pow(2, 1 / SHAPE);
            double u = random.nextDouble();
            return u < 0.5 ? 2 * xMin * u : xMin / (2 * (1 - u));
        }
    };

    abstract double sampleOverMedian(RandomGenerator random);

    /** The exponential is memoryless: what a node has left is a fresh session. */
    double residualOverMedian(RandomGenerator random) {
        return sampleOverMedian(random);
    }

    /** One session length in nanoseconds, for sessions of median {@code medianNanos}. */
    public long sampleNanos(long medianNanos, RandomGenerator random) {
        return (long) (medianNanos * Math.min(1000, sampleOverMedian(random)));
    }

    /**
     * What is left of the session of a node found up in a network in steady state, for sessions of
     * median {@code medianNanos}: the starting population's departures.
     */
    public long sampleResidualNanos(long medianNanos, RandomGenerator random) {
        return (long) (medianNanos * Math.min(1000, residualOverMedian(random)));
    }
}
