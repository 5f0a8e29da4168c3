package io.chordia.routing.chord;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a Chord node runs its maintenance. The SIGCOMM'01 simulator ran the stabilization routines
 * "at randomized intervals averaging 30 seconds" without naming the distribution, so both readings
 * are here: the choice moves §6.5's failed-lookup figure by about half (docs/simulation.md).
 */
public enum MaintenanceSchedule {
    /** Stabilize, the finger refresh and the predecessor check on three fixed-rate timers of their own periods. */
    FIXED_RATE,
    /**
     * The three together in rounds at exponentially distributed intervals of mean
     * {@code stabilizeInterval}: a Poisson process per node, so the wait from a failure to a node's
     * next round is the whole mean.
     */
    EXPONENTIAL,
    /**
     * The three together in rounds at intervals uniform on [mean/2, 3·mean/2] of mean
     * {@code stabilizeInterval}: the wait from a failure to a node's next round averages a little
     * over half the mean.
     */
    UNIFORM;

    /** Whether the routines run together in rounds drawn by {@link #nextRoundNanos}. */
    public boolean inRounds() {
        return this != FIXED_RATE;
    }

    /** The wait before the next round, drawn from {@code random}; only for schedules {@link #inRounds()}. */
    long nextRoundNanos(Duration mean, RandomGenerator random) {
        double m = mean.toNanos();
        return switch (this) {
            case EXPONENTIAL -> (long) (-m * StrictMath.log(1 - random.nextDouble()));
            case UNIFORM -> (long) (m / 2 + m * random.nextDouble());
            case FIXED_RATE -> throw new IllegalStateException("fixed-rate maintenance has no rounds");
        };
    }
}
