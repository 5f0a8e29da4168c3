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
 */
public record ChordConfig(int successorListLength, int predecessorListLength, Duration stabilizeInterval,
                          Duration fixFingersInterval, Duration checkPredecessorInterval, RpcConfig maintenanceRpc,
                          RpcConfig lookupRpc, LookupStyle lookupStyle, Duration lookupTimeout, int lookupAttempts,
                          int failuresBeforeEviction, SuspectConfig suspects) {
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
    }

    /**
     * r = 16 (enough for ⌈log2 N⌉ up to 65,536 nodes), stabilize every second. A neighbour counts
     * as dead after 3 rounds of 3 unanswered requests: with 10% loss each way a live one is wrongly
     * evicted about once in 3·10^6 rounds, and a dead one is found in about 4.5 s.
     */
    public static ChordConfig defaults() {
        RpcConfig maintenance = RpcConfig.defaults().withTimeout(Duration.ofMillis(500)).withMaxAttempts(3)
                .withBackoffFactor(1.0);
        RpcConfig lookup = RpcConfig.defaults().withTimeout(Duration.ofMillis(500)).withMaxAttempts(1);
        return new ChordConfig(16, 8, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(2),
                maintenance, lookup, LookupStyle.ITERATIVE, Duration.ofSeconds(5), 3, 3, SuspectConfig.defaults());
    }

    public ChordConfig withSuccessorListLength(int r) {
        return new ChordConfig(r, predecessorListLength, stabilizeInterval, fixFingersInterval,
                checkPredecessorInterval, maintenanceRpc, lookupRpc, lookupStyle, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, suspects);
    }

    public ChordConfig withStabilizeInterval(Duration value) {
        return new ChordConfig(successorListLength, predecessorListLength, value, fixFingersInterval,
                checkPredecessorInterval, maintenanceRpc, lookupRpc, lookupStyle, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, suspects);
    }

    public ChordConfig withFixFingersInterval(Duration value) {
        return new ChordConfig(successorListLength, predecessorListLength, stabilizeInterval, value,
                checkPredecessorInterval, maintenanceRpc, lookupRpc, lookupStyle, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, suspects);
    }

    public ChordConfig withLookupStyle(LookupStyle value) {
        return new ChordConfig(successorListLength, predecessorListLength, stabilizeInterval, fixFingersInterval,
                checkPredecessorInterval, maintenanceRpc, lookupRpc, value, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, suspects);
    }

    public ChordConfig withLookupRpc(RpcConfig value) {
        return new ChordConfig(successorListLength, predecessorListLength, stabilizeInterval, fixFingersInterval,
                checkPredecessorInterval, maintenanceRpc, value, lookupStyle, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, suspects);
    }

    public ChordConfig withMaintenanceRpc(RpcConfig value) {
        return new ChordConfig(successorListLength, predecessorListLength, stabilizeInterval, fixFingersInterval,
                checkPredecessorInterval, value, lookupRpc, lookupStyle, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, suspects);
    }

    public ChordConfig withCheckPredecessorInterval(Duration value) {
        return new ChordConfig(successorListLength, predecessorListLength, stabilizeInterval, fixFingersInterval,
                value, maintenanceRpc, lookupRpc, lookupStyle, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, suspects);
    }

    public ChordConfig withSuspects(SuspectConfig value) {
        return new ChordConfig(successorListLength, predecessorListLength, stabilizeInterval, fixFingersInterval,
                checkPredecessorInterval, maintenanceRpc, lookupRpc, lookupStyle, lookupTimeout, lookupAttempts,
                failuresBeforeEviction, value);
    }
}
