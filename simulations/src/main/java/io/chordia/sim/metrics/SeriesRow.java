package io.chordia.sim.metrics;

/**
 * One step (a simulated minute by default) of a run's time series.
 *
 * @param minute        index of the step, from 0
 * @param liveNodes     nodes up and joined at the end of the step
 * @param lookups       lookups that completed in the step
 * @param succeeded     of those, the ones that found the node the oracle names
 * @param hopsMean      mean hops of the completed lookups
 * @param latencyMsMean mean latency of the completed lookups, in milliseconds
 * @param messages      datagrams sent in the step
 * @param bytes         bytes sent in the step
 * @param joins         nodes that joined in the step
 * @param departures    nodes that crashed in the step
 * @param partitioned   whether the network was split by a partition at any time in the step
 */
public record SeriesRow(int minute, int liveNodes, long lookups, long succeeded, double hopsMean, double latencyMsMean,
                        long messages, long bytes, long joins, long departures, boolean partitioned) {
    public static final String CSV_HEADER =
            "minute,liveNodes,lookups,succeeded,successRate,hopsMean,latencyMsMean,messages,bytes,joins,departures,partitioned";

    public double successRate() {
        return lookups == 0 ? 1.0 : (double) succeeded / lookups;
    }

    public String toCsv() {
        return String.format(java.util.Locale.ROOT, "%d,%d,%d,%d,%.4f,%.3f,%.1f,%d,%d,%d,%d,%d", minute, liveNodes,
                lookups, succeeded, successRate(), hopsMean, latencyMsMean, messages, bytes, joins, departures,
                partitioned ? 1 : 0);
    }
}
