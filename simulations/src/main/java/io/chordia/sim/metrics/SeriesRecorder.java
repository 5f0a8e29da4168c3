package io.chordia.sim.metrics;

import java.util.ArrayList;
import java.util.List;

/** Accumulates the current step's counters and closes a {@link SeriesRow} at each step boundary. */
public final class SeriesRecorder {
    private final List<SeriesRow> rows = new ArrayList<>();
    private long lookups;
    private long succeeded;
    private long hops;
    private double latencyMs;
    private long joins;
    private long departures;
    private long messagesAtStart;
    private long bytesAtStart;

    public void lookup(boolean success, int hopCount, double latencyMillis) {
        lookups++;
        succeeded += success ? 1 : 0;
        hops += hopCount;
        latencyMs += latencyMillis;
    }

    public void joined() {
        joins++;
    }

    public void departed() {
        departures++;
    }

    public void start(long messages, long bytes) {
        messagesAtStart = messages;
        bytesAtStart = bytes;
    }

    /** Ends the current step with the given totals and starts the next. */
    public void close(int liveNodes, long messages, long bytes, boolean partitioned) {
        rows.add(new SeriesRow(rows.size(), liveNodes, lookups, succeeded, lookups == 0 ? 0 : (double) hops / lookups,
                lookups == 0 ? 0 : latencyMs / lookups, messages - messagesAtStart, bytes - bytesAtStart, joins, departures,
                partitioned));
        lookups = 0;
        succeeded = 0;
        hops = 0;
        latencyMs = 0;
        joins = 0;
        departures = 0;
        start(messages, bytes);
    }

    public List<SeriesRow> rows() {
        return List.copyOf(rows);
    }
}
