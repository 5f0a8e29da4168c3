package io.chordia.sim.churn;

import java.util.random.RandomGenerator;

/**
 * How long the nodes of the starting network have left. {@code STEADY}: what is left of a session
 * in a network that has churned for long ({@link SessionModel#sampleResidualNanos}), so the run
 * starts in the steady state its median describes. {@code FRESH}: a whole session each, as if
 * every node had joined at the start (the simulator did this until 2026-12; under Weibull k = 1/2
 * the first minutes then lose nodes up to 16 times faster than the steady state).
 */
public enum ChurnStart {
    STEADY,
    FRESH;

    /** A starting node's time until it departs. */
    public long firstSessionNanos(SessionModel model, long medianNanos, RandomGenerator random) {
        return this == STEADY ? model.sampleResidualNanos(medianNanos, random) : model.sampleNanos(medianNanos, random);
    }
}
