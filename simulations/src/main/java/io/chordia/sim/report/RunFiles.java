package io.chordia.sim.report;

import io.chordia.sim.metrics.SeriesRow;
import io.chordia.sim.scenario.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --out DIR} writes: {@code summary.txt}, {@code summary.json}, {@code series.csv}
 * (one row per simulated minute) and charts of success rate, hops, latency, live nodes and
 * traffic over time, each as PNG and SVG.
 */
public final class RunFiles {
    public static final List<String> CHARTS = List.of("success", "hops", "latency", "live-nodes", "traffic");

    private RunFiles() {}

    public static void write(Path dir, Summary summary) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.txt"), SummaryText.format(summary), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.json"), SummaryJson.pretty(summary) + "\n", StandardCharsets.UTF_8);
        List<String> csv = new ArrayList<>();
        csv.add(SeriesRow.CSV_HEADER);
        summary.series().forEach(r -> csv.add(r.toCsv()));
        Files.write(dir.resolve("series.csv"), csv, StandardCharsets.UTF_8);
        List<SeriesRow> rows = summary.series();
        double[] minutes = new double[rows.size()];
        double[] success = new double[rows.size()];
        double[] hops = new double[rows.size()];
        double[] latency = new double[rows.size()];
        double[] live = new double[rows.size()];
        double[] traffic = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            SeriesRow r = rows.get(i);
            minutes[i] = r.minute() + 1;
            success[i] = r.successRate();
            hops[i] = r.hopsMean();
            latency[i] = r.latencyMsMean();
            live[i] = r.liveNodes();
            traffic[i] = r.liveNodes() == 0 ? 0 : r.bytes() / 60.0 / r.liveNodes();
        }
        String title = summary.protocol() + ", " + summary.nodes() + " nodes, seed " + summary.seed() + ": ";
        Charts.write(dir, "success", title + "lookup success", "minute", "success rate",
                List.of(new Charts.Line("success", minutes, success)), false);
        Charts.write(dir, "hops", title + "hops per lookup", "minute", "mean hops",
                List.of(new Charts.Line("hops", minutes, hops)), false);
        Charts.write(dir, "latency", title + "lookup latency", "minute", "mean latency (ms)",
                List.of(new Charts.Line("latency", minutes, latency)), false);
        Charts.write(dir, "live-nodes", title + "live nodes", "minute", "nodes",
                List.of(new Charts.Line("live", minutes, live)), false);
        Charts.write(dir, "traffic", title + "traffic", "minute", "bytes per node per second",
                List.of(new Charts.Line("traffic", minutes, traffic)), false);
    }
}
