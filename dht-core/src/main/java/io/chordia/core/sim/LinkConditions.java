package io.chordia.core.sim;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * How a simulated link treats a datagram.
 *
 * @param latency       one-way delay distribution
 * @param loss          probability a datagram is lost
 * @param duplication   probability a datagram is delivered twice (each copy with its own delay)
 * @param reordering    probability a datagram is held back by up to {@code reorderWindow} extra
 * @param reorderWindow the most extra delay a held-back datagram gets
 */
public record LinkConditions(LatencyModel latency, double loss, double duplication, double reordering,
                             Duration reorderWindow) {
    public LinkConditions {
        Checks.notNull(latency, "latency");
        Checks.probability(loss, "loss");
        Checks.probability(duplication, "duplication");
        Checks.probability(reordering, "reordering");
        Checks.nonNegative(reorderWindow, "reorderWindow");
    }

    /** A perfect link with a constant one-way delay. */
    public static LinkConditions ideal(Duration delay) {
        return new LinkConditions(LatencyModel.constant(delay), 0, 0, 0, Duration.ZERO);
    }

    /** A lossless link with the given delay distribution. */
    public static LinkConditions of(LatencyModel latency) {
        return new LinkConditions(latency, 0, 0, 0, Duration.ZERO);
    }

    public LinkConditions withLoss(double value) {
        return new LinkConditions(latency, value, duplication, reordering, reorderWindow);
    }

    public LinkConditions withDuplication(double value) {
        return new LinkConditions(latency, loss, value, reordering, reorderWindow);
    }

    public LinkConditions withReordering(double probability, Duration window) {
        return new LinkConditions(latency, loss, duplication, probability, window);
    }
}
