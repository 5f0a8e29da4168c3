package io.chordia.routing.chord;

import io.chordia.core.message.Neighbors;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.util.Checks;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.SuspectConfig;
import java.time.Duration;

/**
 * Chord's parameters.
 *
 * @param successorListLength r: successors kept; the ring survives any r-1 simultaneous failures
 * @param predecessorListLength predecessors kept for the leaf set
 * @param stabilizeInterval  how often a node checks its successor and notifies it
 * @param fixFingersInterval how often one finger is refreshed
 * @param checkPredecessorInterval how often the predecessor (and predecessor list) is checked
 * @param maintenanceRpc     timeouts of maintenance calls
 * @param lookupRpc          timeouts of each lookup hop
 * @param lookupStyle        the default style of {@code lookup}
 * @param lookupTimeout      a recursive lookup's wait for its answer, per attempt
 * @param lookupAttempts     recursive lookup attempts before failing (and join attempts per bootstrap address)
 * @param failuresBeforeEviction consecutive failed checks before a successor or predecessor counts as dead
 * @param suspects           how nodes that stopped answering are remembered and probed, to merge rings after a partition
 * @param refreshAllFingers  each finger refresh looks up every finger beyond the successor, not just the next one
 *                           (the SIGCOMM'01 §6.5 simulator's schedule)
 * @param maintenanceSchedule three fixed-rate timers, or one maintenance round (stabilize, check the predecessor,
 *                           refresh fingers) at exponential or uniform intervals of mean {@code stabilizeInterval},
 *                           drawn from the node's random generator
 * @param lookupsRouteAround an iterative lookup whose hop does not answer tries the next candidate and the hop's
 *                           successors; false: it fails there, as the SIGCOMM'01 simulator's did
 * @param routeViaSuccessorList iterative lookups and their hops pick the closest preceding nodes from the fingers and
 *                           the whole successor list; false: from the fingers and the first successor only, as the
 *                           paper's closest_preceding_finger scans the finger table
 * @param confirmOwner       an iterative lookup ends only once the owner it found answers it (a silent one is
 *                           passed over for the next successor), a node names the owner as soon as the key falls
 *                           within its successor list, and a node names its predecessor when the key has passed
 *                           to it; false: a lookup ends with the owner the key's predecessor names, unasked
 * @param announceJoins      a node that has just joined notifies its predecessor too, which takes it as successor
 *                           once it answers (Zave's rule), instead of learning of it at its next stabilize
 * @param predecessorFromList a node that has just joined takes as predecessor the first entry of its successor's
 *                           predecessor list that answers it, and a node whose predecessor died the next entry of its
 *                           own list that answers (keeping the dead one until then); false: it knows no predecessor,
 *                           and can claim no key, until a node before it notifies it
 * @see ChordProfile
 */
public record ChordConfig(int successorListLength, int predecessorListLength, Duration stabilizeInterval,
                          Duration fixFingersInterval, Duration checkPredecessorInterval, RpcConfig maintenanceRpc,
                          RpcConfig lookupRpc, LookupStyle lookupStyle, Duration lookupTimeout, int lookupAttempts,
                          int failuresBeforeEviction, SuspectConfig suspects, boolean refreshAllFingers,
                          MaintenanceSchedule maintenanceSchedule, boolean lookupsRouteAround, boolean routeViaSuccessorList,
                          boolean confirmOwner, boolean announceJoins, boolean predecessorFromList) {
    public ChordConfig {
        Checks.inRange(successorListLength, 1, Neighbors.MAX_SUCCESSORS, "successorListLength");
        Checks.inRange(predecessorListLength, 1, Neighbors.MAX_PREDECESSORS, "predecessorListLength");
        Checks.positive(stabilizeInterval, "stabilizeInterval");
        Checks.positive(fixFingersInterval, "fixFingersInterval");
        Checks.positive(checkPredecessorInterval, "checkPredecessorInterval");
        Checks.notNull(maintenanceRpc, "maintenanceRpc");
        Checks.notNull(lookupRpc, "lookupRpc");
        Checks.notNull(lookupStyle, "lookupStyle");
        Checks.positive(lookupTimeout, "lookupTimeout");
        Checks.inRange(lookupAttempts, 1, 10, "lookupAttempts");
        Checks.inRange(failuresBeforeEviction, 1, 10, "failuresBeforeEviction");
        Checks.notNull(suspects, "suspects");
        Checks.notNull(maintenanceSchedule, "maintenanceSchedule");
    }

    /**
     * r = 16 (enough for ⌈log2 N⌉ up to 65,536 nodes), stabilize every second. A neighbour counts
     * as dead after 3 rounds of 3 unanswered requests: with 10% loss each way a live one is wrongly
     * evicted about once in 3·10^6 rounds, and a dead one is found in about 4.5 s.
     */
    public static ChordConfig defaults() {
        return builder().build();
    }

    public ChordConfig withSuccessorListLength(int r) {
        return toBuilder().successorListLength(r).build();
    }

    public ChordConfig withStabilizeInterval(Duration value) {
        return toBuilder().stabilizeInterval(value).build();
    }

    public ChordConfig withFixFingersInterval(Duration value) {
        return toBuilder().fixFingersInterval(value).build();
    }

    public ChordConfig withLookupStyle(LookupStyle value) {
        return toBuilder().lookupStyle(value).build();
    }

    public ChordConfig withLookupRpc(RpcConfig value) {
        return toBuilder().lookupRpc(value).build();
    }

    public ChordConfig withMaintenanceRpc(RpcConfig value) {
        return toBuilder().maintenanceRpc(value).build();
    }

    public ChordConfig withCheckPredecessorInterval(Duration value) {
        return toBuilder().checkPredecessorInterval(value).build();
    }

    public ChordConfig withSuspects(SuspectConfig value) {
        return toBuilder().suspects(value).build();
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder().successorListLength(successorListLength).predecessorListLength(predecessorListLength)
                .stabilizeInterval(stabilizeInterval).fixFingersInterval(fixFingersInterval)
                .checkPredecessorInterval(checkPredecessorInterval).maintenanceRpc(maintenanceRpc)
                .lookupRpc(lookupRpc).lookupStyle(lookupStyle).lookupTimeout(lookupTimeout)
                .lookupAttempts(lookupAttempts).failuresBeforeEviction(failuresBeforeEviction).suspects(suspects)
                .refreshAllFingers(refreshAllFingers).maintenanceSchedule(maintenanceSchedule)
                .lookupsRouteAround(lookupsRouteAround).routeViaSuccessorList(routeViaSuccessorList)
                .confirmOwner(confirmOwner).announceJoins(announceJoins).predecessorFromList(predecessorFromList);
    }

    /** Settings by name, starting from the defaults; {@link #build()} validates them in the canonical constructor. */
    public static final class Builder {
        private int successorListLength = 16;
        private int predecessorListLength = 8;
        private Duration stabilizeInterval = Duration.ofSeconds(1);
        private Duration fixFingersInterval = Duration.ofMillis(500);
        private Duration checkPredecessorInterval = Duration.ofSeconds(2);
        private RpcConfig maintenanceRpc = RpcConfig.builder().timeout(Duration.ofMillis(500)).maxAttempts(3)
                .backoffFactor(1.0).build();
        // One send; the lookup moves on after the hop's round-trip timeout and listens for a late answer till 2 s.
        private RpcConfig lookupRpc = RpcConfig.builder().timeout(Duration.ofSeconds(2)).maxAttempts(1).build();
        private LookupStyle lookupStyle = LookupStyle.ITERATIVE;
        private Duration lookupTimeout = Duration.ofSeconds(5);
        private int lookupAttempts = 3;
        private int failuresBeforeEviction = 3;
        private SuspectConfig suspects = SuspectConfig.defaults();
        private boolean refreshAllFingers;
        private MaintenanceSchedule maintenanceSchedule = MaintenanceSchedule.FIXED_RATE;
        private boolean lookupsRouteAround = true;
        private boolean routeViaSuccessorList = true;
        private boolean confirmOwner = true;
        private boolean announceJoins = true;
        private boolean predecessorFromList = true;

        private Builder() {}

        public Builder predecessorFromList(boolean value) {
            this.predecessorFromList = value;
            return this;
        }

        public Builder announceJoins(boolean value) {
            this.announceJoins = value;
            return this;
        }

        public Builder confirmOwner(boolean value) {
            this.confirmOwner = value;
            return this;
        }

        public Builder routeViaSuccessorList(boolean value) {
            this.routeViaSuccessorList = value;
            return this;
        }

        public Builder refreshAllFingers(boolean value) {
            this.refreshAllFingers = value;
            return this;
        }

        public Builder maintenanceSchedule(MaintenanceSchedule value) {
            this.maintenanceSchedule = value;
            return this;
        }

        public Builder lookupsRouteAround(boolean value) {
            this.lookupsRouteAround = value;
            return this;
        }

        public Builder successorListLength(int value) {
            this.successorListLength = value;
            return this;
        }

        public Builder predecessorListLength(int value) {
            this.predecessorListLength = value;
            return this;
        }

        public Builder stabilizeInterval(Duration value) {
            this.stabilizeInterval = value;
            return this;
        }

        public Builder fixFingersInterval(Duration value) {
            this.fixFingersInterval = value;
            return this;
        }

        public Builder checkPredecessorInterval(Duration value) {
            this.checkPredecessorInterval = value;
            return this;
        }

        public Builder maintenanceRpc(RpcConfig value) {
            this.maintenanceRpc = value;
            return this;
        }

        public Builder lookupRpc(RpcConfig value) {
            this.lookupRpc = value;
            return this;
        }

        public Builder lookupStyle(LookupStyle value) {
            this.lookupStyle = value;
            return this;
        }

        public Builder lookupTimeout(Duration value) {
            this.lookupTimeout = value;
            return this;
        }

        public Builder lookupAttempts(int value) {
            this.lookupAttempts = value;
            return this;
        }

        public Builder failuresBeforeEviction(int value) {
            this.failuresBeforeEviction = value;
            return this;
        }

        public Builder suspects(SuspectConfig value) {
            this.suspects = value;
            return this;
        }

        public ChordConfig build() {
            return new ChordConfig(successorListLength, predecessorListLength, stabilizeInterval, fixFingersInterval,
                    checkPredecessorInterval, maintenanceRpc, lookupRpc, lookupStyle, lookupTimeout, lookupAttempts,
                    failuresBeforeEviction, suspects, refreshAllFingers, maintenanceSchedule, lookupsRouteAround,
                    routeViaSuccessorList, confirmOwner, announceJoins, predecessorFromList);
        }
    }
}
