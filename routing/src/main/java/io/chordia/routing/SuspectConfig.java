package io.chordia.routing;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * How a node remembers the nodes that stopped answering and probes them, so that a network a
 * partition split in two finds itself again after the heal ({@link SuspectedNodes}).
 *
 * @param probeInterval how often one suspect is probed
 * @param capacity      suspects kept; the oldest goes first
 * @param retention     how long a suspect is kept: a partition longer than this heals only by rejoining
 */
public record SuspectConfig(Duration probeInterval, int capacity, Duration retention) {
    public SuspectConfig {
        Checks.positive(probeInterval, "probeInterval");
        Checks.inRange(capacity, 1, 4096, "capacity");
        Checks.positive(retention, "retention");
    }

    /**
     * One probe every 10 s, 256 suspects for an hour. A partition makes each node suspect the
     * neighbours and fingers (Chord) or contacts (Kademlia) it had on the other side, so after the
     * heal nearly every node probes a node of the other side within one interval; without partitions
     * the cost is one small request per node per interval while anything is suspected, whatever the
     * capacity. 256, not 32: under churn the dead pile up during a long partition and pushed the
     * other side's nodes out of a list of 32 (Kademlia, 300 nodes, 30-min sessions, 10-min split:
     * 161 s to span the sides again with 32, 145 s with 256).
     */
    public static SuspectConfig defaults() {
        return new SuspectConfig(Duration.ofSeconds(10), 256, Duration.ofHours(1));
    }
}
