package io.chordia.sim.cli;

import io.chordia.sim.experiments.ChordPaperReport;
import io.chordia.sim.experiments.ChurnSetup;
import io.chordia.sim.experiments.ChurnSweepReport;
import io.chordia.sim.experiments.KademliaPaperReport;
import io.chordia.sim.experiments.ReportOutput;
import io.chordia.sim.scenario.CostModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordia sim paper chord|kademlia|churn}: reruns published experiments and writes a markdown report. */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Rerun published experiments on our implementation and print a markdown report with our numbers "
                + "beside the paper's:",
                "  chord     path length vs N, keys per node with and without virtual nodes, lookups after "
                        + "simultaneous failures, lookups under churn (Stoica et al., 2001/2003)",
                "  kademlia  rounds vs N, k and alpha sweeps (Maymounkov and Mazieres, 2002)",
                "  churn     lookup latency against maintenance bandwidth, in the manner of Li et al. (2005), on their "
                        + "setup (1,024 nodes, 1-h mean sessions, a lookup per node every 600 s), 5 simulated minutes "
                        + "per run (--full: their 6 h)",
                "Progress goes to stderr, a line per step. Each finishes in minutes at the default scale: churn runs "
                        + "Li et al.'s setup for 5 simulated minutes per run (--full: their 6 h); --scale 2 or more runs "
                        + "bigger networks. chord and kademlia run the paper's protocol (faithful) beside ours (improved) "
                        + "where they differ; --faithful runs only the paper's."})
final class PaperCommand implements Callable<Integer> {
    enum Paper { chord, kademlia, churn }

    @Parameters(paramLabel = "PAPER", description = "chord, kademlia or churn")
    Paper paper;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "N",
            description = "Multiplies network sizes (powers of two add rows to N sweeps) (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Simulated time per run: churn (default: 5m, Li et al.'s 6h with --full), and each "
                    + "row of chord's churn section (default: the paper's 2h).")
    Duration duration;

    @Option(names = "--full",
            description = "churn: Li et al.'s full setup, 6 simulated hours per run (well over half an hour of wall "
                    + "time at scale 1) instead of the default 5m, and Kademlia's 10-s maintenance point, which the "
                    + "default leaves out.")
    boolean full;

    @Option(names = "--faithful",
            description = "chord and kademlia: run only the paper's protocol as published (rows labelled faithful) "
                    + "where a section runs it beside ours (improved).")
    boolean faithful;

    @Option(names = "--cost-model", converter = Converters.CostModelName.class, paramLabel = "encoded|li|headers",
            description = "churn only: how bytes are charged (default: li, as Li et al. charge them).")
    CostModel costModel;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write report.md and its charts (PNG and SVG) here, and print their paths.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (scale < 1 || scale > 64) {
            err.println("chordia sim paper: --scale must be between 1 and 64, was " + scale);
            err.flush();
            return SimCommand.USAGE_ERROR;
        }
        if (full && paper != Paper.churn) {
            err.println("chordia sim paper: --full applies to churn only");
            err.flush();
            return SimCommand.USAGE_ERROR;
        }
        if (faithful && paper == Paper.churn) {
            err.println("chordia sim paper: --faithful applies to chord and kademlia (the churn report compares our "
                    + "protocols' maintenance settings, not a paper's protocol)");
            err.flush();
            return SimCommand.USAGE_ERROR;
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        ReportOutput output = new ReportOutput(out, line -> {
            err.println("[paper " + paper + "] " + line);
            err.flush();
        });
        String report = switch (paper) {
            case chord -> new ChordPaperReport(seed, scale, faithful,
                    duration == null ? ChordPaperReport.CHURN_DURATION : duration).run(output);
            case kademlia -> new KademliaPaperReport(seed, scale, faithful).run(output);
            case churn -> new ChurnSweepReport(seed, churnSetup()).run(output);
        };
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(report);
        stdout.flush();
        if (out != null) {
            Path markdown = out.resolve("report.md");
            Files.writeString(markdown, report, StandardCharsets.UTF_8);
            err.println("wrote " + markdown);
            output.written().forEach(chart -> err.println("wrote " + chart));
            err.flush();
        }
        return 0;
    }

    private ChurnSetup churnSetup() {
        ChurnSetup setup = full ? ChurnSetup.li(scale) : ChurnSetup.quick(scale);
        setup = duration == null ? setup : setup.withDuration(duration);
        return costModel == null ? setup : setup.withCostModel(costModel);
    }
}
