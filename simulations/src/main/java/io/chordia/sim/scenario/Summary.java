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
 */
public record Summary(String protocol, String lookupStyle, String network, int nodes, long seed, double simulatedSeconds,
                      double wallSeconds, double setupWallSeconds, Double runCpuSeconds, long events, double eventsPerWallSecond, long messages,
                      double messagesPerWallSecond, long bytes, long lookups, long lookupsAbandoned,
                      double lookupSuccessRate, double hopsMean, long hopsP50, long hopsP99, double lookupLatencyMsP50,
                      double lookupLatencyMsP99, double maintenanceBytesPerNodePerSecond, long keysStored, long keysLost,
                      Integer ringInvariantViolations, long joins, long failedJoins, long departures, long massFailures,
                      int liveNodesAtEnd, String churnModel, double churnMedianSeconds, double loss, String latency,
                      String traceHash, @JsonIgnore List<SeriesRow> series) {
    /** The names of the fields that vary with the machine rather than the scenario. */
    public static final List<String> WALL_CLOCK_FIELDS =
            List.of("wallSeconds", "setupWallSeconds", "runCpuSeconds", "eventsPerWallSecond", "messagesPerWallSecond");
}
