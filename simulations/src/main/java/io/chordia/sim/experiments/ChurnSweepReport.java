package io.chordia.sim.experiments;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.sim.churn.SessionModel;
import io.chordia.sim.report.Charts;
import io.chordia.sim.scenario.LatencySpec;
import io.chordia.sim.scenario.NetworkKind;
import io.chordia.routing.Protocol;
import io.chordia.sim.scenario.ScenarioConfig;
import io.chordia.sim.scenario.ScenarioRunner;
import io.chordia.sim.scenario.ScenarioTuning;
import io.chordia.sim.scenario.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lookup latency against maintenance bandwidth under churn, in the manner of Li et al., "A
 * performance vs. cost framework for evaluating DHT design tradeoffs under churn" (INFOCOM 2005):
 * the same churning workload run under a sweep of each protocol's maintenance interval, each run
 * one point (bytes per node per second, median lookup latency). Chord sweeps its stabilize and
 * finger interval, Kademlia its bucket-refresh and maintenance period.
 */
public final class ChurnSweepReport {
    private static final Duration[] CHORD_INTERVALS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    private static final Duration[] KADEMLIA_PERIODS = {Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(60)};

    private final long seed;
    private final int scale;

    public ChurnSweepReport(long seed, int scale) {
        this.seed = seed;
        this.scale = scale;
    }

    public String run(Path chartDir) {
        int n = 256 * scale;
        Duration duration = Duration.ofMinutes(30);
        Duration median = Duration.ofMinutes(30);
        Markdown md = new Markdown();
        md.line("# Lookup latency against maintenance bandwidth under churn").blank();
        md.line("In the manner of Li et al. (INFOCOM 2005): %d nodes, exponential sessions with a %d-minute median (each "
                + "departure replaced by a joining node), one lookup per node per minute for %d simulated minutes, "
                + "one-way delays uniform 5–60 ms, seed %d. Each row is one run with one maintenance setting; bytes are "
                + "all datagrams sent (encoded sizes, lookups included) per live node per second. Latency is over "
                + "successful lookups. Li et al. found the best settings of each protocol form a convex frontier: "
                + "more maintenance bandwidth buys lower latency and fewer failures, until lookups stop timing out.",
                n, median.toMinutes(), duration.toMinutes(), seed).blank();
        md.line("| protocol | maintenance interval | bytes/node/s | latency p50 ms | latency p99 ms | success | hops mean |");
        md.line("|----------|---------------------:|-------------:|---------------:|---------------:|--------:|----------:|");
        List<Charts.Line> lines = new ArrayList<>();
        double[][] chord = sweep(md, Protocol.CHORD, CHORD_INTERVALS, n, duration, median);
        lines.add(new Charts.Line("chord", chord[0], chord[1]));
        double[][] kad = sweep(md, Protocol.KADEMLIA, KADEMLIA_PERIODS, n, duration, median);
        lines.add(new Charts.Line("kademlia", kad[0], kad[1]));
        if (chartDir != null) {
            try {
                Charts.write(chartDir, "latency-vs-bandwidth", "Lookup latency against maintenance bandwidth under churn",
                        "bytes per node per second (log scale)", "median lookup latency (ms)", lines, true, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            md.blank().line("Chart: `latency-vs-bandwidth.png` and `.svg` beside this report.");
        }
        return md.blank().toString();
    }

    private double[][] sweep(Markdown md, Protocol protocol, Duration[] intervals, int n, Duration duration, Duration median) {
        double[] bandwidth = new double[intervals.length];
        double[] latency = new double[intervals.length];
        for (int i = 0; i < intervals.length; i++) {
            Duration interval = intervals[i];
            ScenarioTuning tuning = ScenarioTuning.defaults();
            tuning = protocol == Protocol.CHORD
                    ? tuning.withChordMaintenance(interval)
                    : tuning.withKademlia(kademlia(interval));
            ScenarioConfig config = new ScenarioConfig(protocol, LookupStyle.ITERATIVE, n, seed, duration, -1, median,
                    SessionModel.EXPONENTIAL, 0, 0, 3, 0, LatencySpec.parse(LatencySpec.DEFAULT), NetworkKind.SIM, 60,
                    io.chordia.sim.scenario.PartitionSpec.NONE);
            Summary s = new ScenarioRunner(config, tuning).run(ScenarioRunner.Progress.NONE);
            bandwidth[i] = s.maintenanceBytesPerNodePerSecond();
            latency[i] = s.lookupLatencyMsP50();
            md.line("| %-8s | %20s | %12.1f | %14.1f | %14.1f | %6.2f%% | %9.2f |", protocol.name().toLowerCase(java.util.Locale.ROOT),
                    io.chordia.sim.scenario.DurationText.format(interval), s.maintenanceBytesPerNodePerSecond(),
                    s.lookupLatencyMsP50(), s.lookupLatencyMsP99(), 100 * s.lookupSuccessRate(), s.hopsMean());
        }
        return new double[][] {bandwidth, latency};
    }

    private static KademliaConfig kademlia(Duration period) {
        KademliaConfig d = KademliaConfig.defaults();
        return d.withMaintenancePeriod(period).withBucketRefreshInterval(period).withLeafSetRefreshInterval(period);
    }
}
