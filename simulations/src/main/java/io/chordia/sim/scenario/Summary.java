package io.chordia.sim.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chordia.sim.metrics.SeriesRow;
import java.util.List;

/**
 * The outcome of a scenario. Field names are the {@code --json} keys and scripts rely on them.
 * {@code wallSeconds}, {@code setupWallSeconds}, {@code runCpuSeconds}, {@code eventsPerWallSecond}
 * and {@code messagesPerWallSecond} depend on the machine; everything else is a function of the
 * options and the seed (on the simulator). {@code runCpuSeconds} is the CPU time the simulating
 * thread spent on the run after setup: on a shared machine it moves far less than the wall time,
 * which also counts time the virtual CPU was stolen by other guests. It is null on the UDP network,
 * where the nodes run on threads of their own.
 *
 * <p>With a partition: {@code ringsAtEnd} (Chord: rings among the live nodes at the end; 1 is
 * healed), {@code mergeSeconds} (from the heal until one ring, or until every node that was on
 * a side knows its XOR-nearest live neighbour when that is on the other side (Kademlia); null if not before the end),
 * {@code keysLostToConflicts} (acknowledged writes overruled by a conflicting write acknowledged
 * on the other side), the success rates of lookups made during the partition whose key's owner
 * was on the origin's side and on the other side, and of lookups made in the 2 minutes after the
 * heal. {@code oracleLatencyMsP50}/{@code P99}: each successful lookup's hops times the latency
 * model's median one-way delay, what the lookup would take on its oracle route (null on UDP); see
 * docs/simulation.md. {@code keysLost} counts keys that read back as nothing or older than their newest
 * acknowledged write, and splits into {@code keysNotHeld} (no live node holds the record or a
 * newer one: the data is gone) and {@code keysUnreadable} (a live node held it and the read still
 * failed), read from the nodes' stores at the end (null on UDP, whose nodes run on threads of their own).
 * {@code quotaRefusals} counts the stores nodes refused with
 * {@code QUOTA_EXCEEDED}: every node of a scenario is honest, so any refusal is one too many;
 * {@code quotaPeak} is the most live records one source had charged on one node at any time (what
 * the quota, {@code --quota}, must stay above), and {@code recordsPerNodeMax} the most records one
 * node held at the end. {@code costModel} says how {@code bytes} and
 * {@code maintenanceBytesPerNodePerSecond} were charged ({@link CostModel}: {@code encoded} or
 * {@code li}; {@code none} when bytes were not counted). {@code lookupConsistency} (with
 * {@code --consistency-pairs}, else null) is the fraction of lookup pairs, same key, same moment,
 * two origins, that named the same owner ({@link io.chordia.sim.metrics.LookupConsistency}).
 *
 * <p>With stored keys, {@code getsCensored} is the fraction of reads of acknowledged keys (one
 * each, from a random honest node) that found nothing: every key has honest nodes near it, so
 * each such read is one an honest replica should have answered. With attackers ({@code sybils}
 * from {@code sybilSubnets} /24s, honest nodes defending with {@code sybilDefense}),
 * {@code getsCensoredTargeted} is the same over {@value io.chordia.sim.scenario.ScenarioRunner#TARGET_READS}
 * reads of each targeted key from random honest nodes.
 *
 * <p>{@code lookupLatencyMsMean} is the mean over successful lookups, as the percentiles are: Bamboo
 * reports a mean lookup latency beside consistency.
 *
 * <p>{@code networkSizeEstimate} is the median, over live nodes that made a successful lookup, of
 * each node's own estimate of the network's size from its lookups' nearest nodes
 * ({@link io.chordia.routing.OverlayNode#networkSizeEstimate}); compare it with {@code liveNodesAtEnd}.
 *
 * <p>{@code k} is the bucket size the Kademlia nodes ran with: the protocol's own (20, BEP 5's 8
 * for mainline) or {@code --k}; null for Chord.
 */
public record Summary(String protocol, String lookupStyle, String network, int nodes, long seed, double simulatedSeconds,
                      double wallSeconds, double setupWallSeconds, Double runCpuSeconds, long events, double eventsPerWallSecond, long messages,
                      double messagesPerWallSecond, long bytes, long lookups, long lookupsAbandoned,
                      double lookupSuccessRate, Double lookupConsistency, double hopsMean, long hopsP50, long hopsP99,
                      double lookupLatencyMsMean, double lookupLatencyMsP50, double lookupLatencyMsP90, double lookupLatencyMsP99, Double oracleLatencyMsP50, Double oracleLatencyMsP99,
                      double maintenanceBytesPerNodePerSecond, String costModel, long keysStored, long keysLost,
                      Long keysNotHeld, Long keysUnreadable,
                      long quotaRefusals, long quotaPeak, long recordsPerNodeMax, Integer ringInvariantViolations, long joins, long failedJoins, long departures, long massFailures,
                      int liveNodesAtEnd, String churnModel, double churnMedianSeconds, double loss, String latency,
                      String traceHash, Integer ringsAtEnd, Double mergeSeconds, long keysLostToConflicts,
                      Double partitionSameSideSuccessRate, Double partitionCrossSideSuccessRate,
                      Double afterHealSuccessRate, int sybils, int sybilSubnets, String sybilDefense,
                      Double getsCensored, Double getsCensoredTargeted, Double networkSizeEstimate, Integer k,
                      @JsonIgnore List<SeriesRow> series) {
    /** The names of the fields that vary with the machine rather than the scenario. */
    public static final List<String> WALL_CLOCK_FIELDS =
            List.of("wallSeconds", "setupWallSeconds", "runCpuSeconds", "eventsPerWallSecond", "messagesPerWallSecond");
}
