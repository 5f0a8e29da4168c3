package io.chordia.sim.scenario;

import java.time.Duration;

/**
 * A symmetric partition during a scenario: at {@code at} after the start, {@code fraction} of the
 * live nodes (chosen by the seed) are cut off from the rest for {@code length}, then the network
 * heals. Nodes that join meanwhile are on the side of the node they join through.
 */
public record PartitionSpec(Duration at, Duration length, double fraction) {
    /** No partition. */
    public static final PartitionSpec NONE = new PartitionSpec(Duration.ZERO, Duration.ZERO, 0);

    public PartitionSpec {
        if (at == null || length == null) {
            throw new IllegalArgumentException("--partition-at and --partition-for must be given together");
        }
        if (at.isNegative() || length.isNegative()) {
            throw new IllegalArgumentException("--partition-at and --partition-for must not be negative");
        }
        if (!length.isZero() && (fraction <= 0 || fraction >= 1)) {
            throw new IllegalArgumentException("--partition-fraction must be in (0, 1), was " + fraction);
        }
    }

    public boolean isNone() {
        return length.isZero();
    }

    /** Checked against the run: the heal must come before its end, so the merge can be measured. */
    void checkWithin(Duration duration) {
        if (!isNone() && at.plus(length).compareTo(duration) >= 0) {
            throw new IllegalArgumentException("the partition (--partition-at " + DurationText.format(at)
                    + " + --partition-for " + DurationText.format(length) + ") must heal before the end of --duration "
                    + DurationText.format(duration));
        }
    }
}
