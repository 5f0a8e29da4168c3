package io.chordia.sim.experiments;

import io.chordia.sim.scenario.CostModel;
import java.time.Duration;

/**
 * The churning workload of {@code sim paper churn}. {@link #li} is Li et al.'s (INFOCOM 2005):
 * 1,024 nodes, exponential sessions with a 1-h mean, one lookup per node every 600 s, 6 h, bytes
 * charged as they charge them.
 */
public record ChurnSetup(int nodes, Duration meanSession, Duration lookupInterval, Duration duration, CostModel costModel) {
    public ChurnSetup {
        if (nodes < 2 || meanSession.isNegative() || meanSession.isZero() || lookupInterval.isNegative()
                || lookupInterval.isZero() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("churn setup needs at least 2 nodes and positive times, was " + nodes
                    + " nodes, " + meanSession + ", " + lookupInterval + ", " + duration);
        }
    }

    /**
     * Simulated time per run of {@link #quick}. Li et al.'s 6 h took over 26 min of wall time for
     * Kademlia alone; even 1 h did not finish Kademlia's 10-s maintenance run in 10 min of wall time.
     */
    public static final Duration QUICK_DURATION = Duration.ofMinutes(10);

    /** Li et al.'s setup with {@code scale} times the nodes. */
    public static ChurnSetup li(int scale) {
        return new ChurnSetup(1024 * scale, Duration.ofHours(1), Duration.ofSeconds(600), Duration.ofHours(6), CostModel.LI);
    }

    /**
     * {@code sim paper churn}'s default: Li et al.'s nodes, sessions, lookup rate and byte charge,
     * but {@link #QUICK_DURATION} per run, so the report finishes in minutes. Sessions are
     * memoryless, so churn runs at its steady rate from the start; the shorter run only sees fewer
     * of them (about 15% of the first nodes replaced in 10 min, against all but 0.25% in 6 h), and
     * a network that started converged has had less time to wear.
     */
    public static ChurnSetup quick(int scale) {
        return li(scale).withDuration(QUICK_DURATION);
    }

    public ChurnSetup withDuration(Duration value) {
        return new ChurnSetup(nodes, meanSession, lookupInterval, value, costModel);
    }

    public ChurnSetup withNodes(int value) {
        return new ChurnSetup(value, meanSession, lookupInterval, duration, costModel);
    }

    public ChurnSetup withCostModel(CostModel value) {
        return new ChurnSetup(nodes, meanSession, lookupInterval, duration, value);
    }

    /** The median of an exponential session of this mean (mean · ln 2), which the scenario takes. */
    Duration medianSession() {
        return Duration.ofMillis(Math.round(meanSession.toMillis() * Math.log(2)));
    }

    /** One lookup per node per {@code lookupInterval} over the run. */
    int lookups() {
        return (int) Math.max(1, (long) nodes * duration.toSeconds() / lookupInterval.toSeconds());
    }
}
