package io.chordia.sim.experiments;

import io.chordia.sim.scenario.CostModel;
import java.time.Duration;
import java.util.List;

/**
 * The churning workload of {@code sim paper churn}. {@link #li} is Li et al.'s (INFOCOM 2005):
 * 1,024 nodes, exponential sessions with a 1-h mean, one lookup per node every 600 s, 6 h, bytes
 * charged as they charge them.
 */
public record ChurnSetup(int nodes, Duration meanSession, Duration lookupInterval, Duration duration, CostModel costModel,
                         List<Duration> kademliaPeriods) {
    public ChurnSetup {
        if (nodes < 2 || meanSession.isNegative() || meanSession.isZero() || lookupInterval.isNegative()
                || lookupInterval.isZero() || duration.isNegative() || duration.isZero() || kademliaPeriods.isEmpty()) {
            throw new IllegalArgumentException("churn setup needs at least 2 nodes, positive times and a Kademlia "
                    + "period, was " + nodes + " nodes, " + meanSession + ", " + lookupInterval + ", " + duration + ", "
                    + kademliaPeriods);
        }
        kademliaPeriods = List.copyOf(kademliaPeriods);
    }

    /** Kademlia's maintenance periods in Li et al.'s setup (bucket refresh, maintenance and leaf-set lookup alike). */
    public static final List<Duration> KADEMLIA_PERIODS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(60));

    /**
     * The quick default's: without the 10-s point. Simulating it costs about 35 s of wall time per
     * simulated minute (1,024 nodes, 2,743 B/node/s), against 9 s for the 30-s point and 3.6 s for
     * all six Chord points together, because the simulator's time goes per message (JFR: 24% in
     * the lookups' closestKnown, the rest in RPC and delivery), and it simulates 3.6 times the 30-s
     * point's traffic for the same median latency (499.5 against 501.8 ms in 2 simulated minutes),
     * so it never lies on the latency-against-bandwidth hull. {@code --full} runs it.
     */
    public static final List<Duration> QUICK_KADEMLIA_PERIODS = KADEMLIA_PERIODS.subList(1, KADEMLIA_PERIODS.size());

    /**
     * Simulated time per run of {@link #quick}. Li et al.'s 6 h took over 26 min of wall time for
     * Kademlia alone; even 1 h did not finish Kademlia's 10-s maintenance run in 10 min of wall time,
     * and 10 min without that point took 210 s, its 30-s point alone 118 s.
     */
    public static final Duration QUICK_DURATION = Duration.ofMinutes(5);

    /** Li et al.'s setup with {@code scale} times the nodes. */
    public static ChurnSetup li(int scale) {
        return new ChurnSetup(1024 * scale, Duration.ofHours(1), Duration.ofSeconds(600), Duration.ofHours(6), CostModel.LI,
                KADEMLIA_PERIODS);
    }

    /**
     * {@code sim paper churn}'s default: Li et al.'s nodes, sessions, lookup rate and byte charge,
     * but {@link #QUICK_DURATION} per run, so the report finishes in minutes. Sessions are
     * memoryless, so churn runs at its steady rate from the start; the shorter run only sees fewer
     * of them (about 8% of the first nodes replaced in 5 min, against all but 0.25% in 6 h), and
     * a network that started converged has had less time to wear. Kademlia's 10-s point is left
     * out ({@link #QUICK_KADEMLIA_PERIODS} says why), so the whole report takes under 3 min.
     */
    public static ChurnSetup quick(int scale) {
        return li(scale).withDuration(QUICK_DURATION).withKademliaPeriods(QUICK_KADEMLIA_PERIODS);
    }

    public ChurnSetup withDuration(Duration value) {
        return new ChurnSetup(nodes, meanSession, lookupInterval, value, costModel, kademliaPeriods);
    }

    public ChurnSetup withKademliaPeriods(List<Duration> value) {
        return new ChurnSetup(nodes, meanSession, lookupInterval, duration, costModel, value);
    }

    public ChurnSetup withNodes(int value) {
        return new ChurnSetup(value, meanSession, lookupInterval, duration, costModel, kademliaPeriods);
    }

    public ChurnSetup withCostModel(CostModel value) {
        return new ChurnSetup(nodes, meanSession, lookupInterval, duration, value, kademliaPeriods);
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
