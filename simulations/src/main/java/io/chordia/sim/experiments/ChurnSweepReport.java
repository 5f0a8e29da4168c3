package io.chordia.sim.experiments;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.sim.churn.SessionModel;
import io.chordia.sim.report.Charts;
import io.chordia.sim.scenario.DurationText;
import io.chordia.sim.scenario.LatencySpec;
import io.chordia.sim.scenario.NetworkKind;
import io.chordia.routing.Protocol;
import io.chordia.sim.scenario.ScenarioConfig;
import io.chordia.sim.scenario.ScenarioRunner;
import io.chordia.sim.scenario.ScenarioTuning;
import io.chordia.sim.scenario.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lookup latency against maintenance bandwidth under churn, in the manner of Li et al., "A
 * performance vs. cost framework for evaluating DHT design tradeoffs under churn" (INFOCOM 2005):
 * the same churning workload run under a sweep of each protocol's maintenance interval, each run
 * one point (bytes per node per second, median lookup latency). Chord sweeps its stabilize and
 * finger interval, Kademlia its bucket-refresh and maintenance period ({@link ChurnSetup#kademliaPeriods()}).
 * The workload is {@link ChurnSetup}, Li et al.'s own by default.
 */
public final class ChurnSweepReport {
    private static final Duration[] CHORD_INTERVALS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final long seed;
    private final ChurnSetup setup;

    public ChurnSweepReport(long seed, ChurnSetup setup) {
        this.seed = seed;
        this.setup = setup;
    }

    public String run(ReportOutput output) {
        Markdown md = new Markdown();
        md.line("# Lookup latency against maintenance bandwidth under churn").blank();
        md.append(new PaperComparison("INFOCOM'05 (Li et al.), the performance-vs-cost figures", false,
                "p2psim; 1,024 nodes; exponential sessions with a 1-h mean; one lookup per node every 600 s; 6 h; "
                        + "each protocol under many parameter settings; bytes charged 20 per message plus 4 per node id "
                        + "carried",
                PaperComparison.PLOT_ONLY + " (lookup latency against bytes per node per second; each protocol's best "
                        + "settings form a convex hull)",
                String.format(java.util.Locale.ROOT, "%,d nodes; exponential sessions with a %s mean (each departure "
                        + "replaced by a join); one lookup per node every %s; %s simulated; one-way delays uniform 5–60 ms; "
                        + "seed %d; one run per maintenance setting; bytes/node/s: every datagram sent, lookups included, "
                        + "per live node per second, charged by cost model %s (%s); latency over successful lookups",
                        setup.nodes(), DurationText.format(setup.meanSession()), DurationText.format(setup.lookupInterval()),
                        DurationText.format(setup.duration()), seed, setup.costModel().optionName(),
                        setup.costModel().description()))
                .markdown());
        md.line("| protocol | maintenance interval | bytes/node/s (" + setup.costModel().optionName() + ") | latency p50 ms | latency p99 ms | success | hops mean |");
        md.line("|----------|---------------------:|-------------:|---------------:|---------------:|--------:|----------:|");
        List<Charts.Line> lines = new ArrayList<>();
        double[][] chord = sweep(md, Protocol.CHORD, CHORD_INTERVALS, output);
        lines.add(new Charts.Line("chord", chord[0], chord[1]));
        double[][] kad = sweep(md, Protocol.KADEMLIA, setup.kademliaPeriods().toArray(Duration[]::new), output);
        lines.add(new Charts.Line("kademlia", kad[0], kad[1]));
        md.blank().append(output.chart("latency-vs-bandwidth", "Lookup latency against bandwidth under churn",
                "bytes per node per second, cost model " + setup.costModel().optionName() + " (log scale)",
                "median lookup latency (ms)", lines, true));
        output.step("done");
        return md.blank().toString();
    }

    private double[][] sweep(Markdown md, Protocol protocol, Duration[] intervals, ReportOutput output) {
        double[] bandwidth = new double[intervals.length];
        double[] latency = new double[intervals.length];
        for (int i = 0; i < intervals.length; i++) {
            Duration interval = intervals[i];
            output.step("%s, maintenance every %s", protocol.name().toLowerCase(java.util.Locale.ROOT),
                    DurationText.format(interval));
            ScenarioTuning tuning = ScenarioTuning.defaults().withCostModel(setup.costModel());
            tuning = protocol == Protocol.CHORD
                    ? tuning.withChordMaintenance(interval)
                    : tuning.withKademlia(kademlia(interval));
            ScenarioConfig config = new ScenarioConfig(protocol, LookupStyle.ITERATIVE, setup.nodes(), seed,
                    setup.duration(), setup.lookups(), setup.medianSession(),
                    SessionModel.EXPONENTIAL, 0, 0, 3, 0, LatencySpec.parse(LatencySpec.DEFAULT), NetworkKind.SIM, 60,
                    io.chordia.sim.scenario.PartitionSpec.NONE);
            Summary s = new ScenarioRunner(config, tuning).run(quarters(output));
            bandwidth[i] = s.maintenanceBytesPerNodePerSecond();
            latency[i] = s.lookupLatencyMsP50();
            md.line("| %-8s | %20s | %12.1f | %14.1f | %14.1f | %6.2f%% | %9.2f |", protocol.name().toLowerCase(java.util.Locale.ROOT),
                    DurationText.format(interval), s.maintenanceBytesPerNodePerSecond(),
                    s.lookupLatencyMsP50(), s.lookupLatencyMsP99(), 100 * s.lookupSuccessRate(), s.hopsMean());
        }
        return new double[][] {bandwidth, latency};
    }

    /** A progress line at each quarter of a run: one run of the default sweep lasts minutes. */
    private static ScenarioRunner.Progress quarters(ReportOutput output) {
        return new ScenarioRunner.Progress() {
            private int reported;

            @Override
            public void update(double fraction) {
                while (reported < 3 && fraction >= (reported + 1) / 4.0) {
                    reported++;
                    output.step("  %d%% of this run", reported * 25);
                }
            }
        };
    }

    private static KademliaConfig kademlia(Duration period) {
        KademliaConfig d = KademliaConfig.defaults();
        return d.withMaintenancePeriod(period).withBucketRefreshInterval(period).withLeafSetRefreshInterval(period);
    }
}
