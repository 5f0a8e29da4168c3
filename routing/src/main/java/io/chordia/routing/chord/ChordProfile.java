package io.chordia.routing.chord;

import java.time.Duration;

/**
 * Named sets of {@link ChordConfig} options: the protocol as a paper published it, beside ours, so
 * an experiment can run the paper's protocol on our node code rather than on a fork of it.
 */
public enum ChordProfile {
    /** Ours: fixed-rate stabilize, one finger per refresh, lookups that route around dead hops. */
    IMPROVED {
        @Override
        public ChordConfig applyTo(ChordConfig base) {
            return base;
        }
    },
    /**
     * SIGCOMM'01 §6.5's simulator: each node runs the stabilization routines at random intervals
     * averaging 30 s (exponential here; the paper does not name the distribution, see
     * {@link #SIGCOMM01_UNIFORM}) and updates every
     * finger on each run, and a lookup forwarded to a dead node fails (no retry). Lookups route by
     * the fingers and the first successor, as the paper's closest_preceding_finger (Fig. 4) scans
     * the finger table, not by the whole successor list. A neighbour is
     * evicted at its first failed check: the paper says nothing of losses, and the experiments
     * that run this profile use a network without any, where an unanswered check means a dead node.
     * A lookup ends with the owner the key's predecessor names, without asking it, and a node that
     * joins notifies only its successor; a node learns of its predecessor only from a notify.
     */
    SIGCOMM01 {
        @Override
        public ChordConfig applyTo(ChordConfig base) {
            return sigcomm01(base, MaintenanceSchedule.EXPONENTIAL);
        }
    },
    /**
     * {@link #SIGCOMM01} with its rounds at intervals uniform on [15 s, 45 s]: the other reading of
     * the paper's "randomized intervals averaging 30 seconds".
     */
    SIGCOMM01_UNIFORM {
        @Override
        public ChordConfig applyTo(ChordConfig base) {
            return sigcomm01(base, MaintenanceSchedule.UNIFORM);
        }
    };

    private static ChordConfig sigcomm01(ChordConfig base, MaintenanceSchedule schedule) {
        return base.toBuilder().stabilizeInterval(Duration.ofSeconds(30)).maintenanceSchedule(schedule)
                .refreshAllFingers(true).lookupsRouteAround(false).routeViaSuccessorList(false)
                .failuresBeforeEviction(1).confirmOwner(false).announceJoins(false).predecessorFromList(false).build();
    }

    /** {@code base} with this profile's options set. */
    public abstract ChordConfig applyTo(ChordConfig base);

    /** Whether this is a paper's protocol ("faithful" in the reports) rather than ours ("improved"). */
    public boolean faithful() {
        return this != IMPROVED;
    }

    /** The defaults with this profile's options set. */
    public ChordConfig config() {
        return applyTo(ChordConfig.defaults());
    }
}
