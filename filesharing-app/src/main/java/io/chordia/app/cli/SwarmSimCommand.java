package io.chordia.app.cli;

import io.chordia.app.ByteSize;
import io.chordia.app.share.sim.ArrivalSpec;
import io.chordia.app.share.sim.SwarmReport;
import io.chordia.app.share.sim.SwarmRun;
import io.chordia.app.share.sim.SwarmScenario;
import io.chordia.app.share.sim.SwarmSimulation;
import io.chordia.app.share.sim.UploadSpec;
import io.chordia.app.share.swarm.PiecePolicy;
import io.chordia.sim.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chordia sim swarm}: a BitTorrent-like swarm in virtual time. It lives here, not beside
 * {@code sim}'s other subcommands in the simulations module, because it runs the file-sharing
 * code and simulations may not depend on filesharing-app (the app depends on simulations);
 * {@link ChordiaCommand} adds it under {@code sim}. Unset options take {@link SwarmScenario#defaults()}.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = {"Simulate a swarm sharing one file, with the real swarm code (piece picking, requests, "
                + "HAVE, choke/unchoke) over simulated links with one upload bandwidth per peer, in virtual time.",
                "Example: chordia sim swarm --peers 200 --upload uniform:1MB/s-10MB/s --picker rarest,random --out runs/swarm"})
public final class SwarmSimCommand implements Callable<Integer> {
    @Option(names = "--peers", paramLabel = "N", description = "Leechers (default: 100).")
    Integer peers;

    @Option(names = "--seeds", paramLabel = "S", description = "Peers with the whole file from the start (default: 1).")
    Integer seeds;

    @Option(names = "--size", paramLabel = "SIZE", description = "File size, e.g. 64MiB, 1GB (default: 64MiB).")
    String size;

    @Option(names = "--piece-size", paramLabel = "SIZE", description = "Piece size, a power of two (default: 256KiB).")
    String pieceSize;

    @Option(names = "--upload", paramLabel = "DIST", description = {"Each peer's upload bandwidth, drawn per peer:",
            "fixed:5MB/s | uniform:1MB/s-10MB/s | classes:1MB/s@80%,10MB/s@20% (default: uniform:1MB/s-10MB/s)."})
    String upload;

    @Option(names = "--latency", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "One-way latency of every link (default: 25ms).")
    Duration latency;

    @Option(names = "--arrival", paramLabel = "flash|poisson:RATE",
            description = "All leechers at once, or a Poisson process of RATE peers per second (default: flash).")
    String arrival;

    @Option(names = "--picker", paramLabel = "rarest|random|sequential", split = ",",
            description = "Piece order; several, comma-separated, run the same swarm once each (default: rarest).")
    List<String> pickers;

    @Option(names = "--connections", paramLabel = "N", description = "Download links per leecher at most (default: 40).")
    Integer connections;

    @Option(names = "--max-time", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Virtual time after which a run stops, done or not (default: 4h).")
    Duration maxTime;

    @Option(names = "--seed", paramLabel = "N", description = "Master seed: same seed and options, same summary (default: 1).")
    Long seed;

    @Option(names = "--json", description = "Print the summaries as JSON.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write summary.json, peers.csv, samples.csv and charts (PNG, SVG) here.")
    Path out;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<SwarmScenario> scenarios;
        try {
            scenarios = scenarios();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter w = spec.commandLine().getOut();
        List<SwarmRun> runs = new ArrayList<>();
        for (SwarmScenario s : scenarios) {
            SwarmRun run = new SwarmSimulation(s).run();
            runs.add(run);
            if (!json) {
                w.print(SwarmReport.text(run));
                w.flush();
            }
        }
        if (json) {
            w.println(SwarmReport.json(runs));
        }
        if (out != null) {
            SwarmReport.write(out, runs);
            if (!json) {
                w.println("wrote " + out.resolve("summary.json") + ", peers.csv, samples.csv and charts");
            }
        }
        w.flush();
        return 0;
    }

    private List<SwarmScenario> scenarios() {
        SwarmScenario d = SwarmScenario.defaults();
        SwarmScenario base = new SwarmScenario(peers != null ? peers : d.leechers(), seeds != null ? seeds : d.seeds(),
                size != null ? ByteSize.parse(size) : d.size(),
                pieceSize != null ? Math.toIntExact(ByteSize.parse(pieceSize)) : d.pieceSize(),
                upload != null ? UploadSpec.parse(upload) : d.upload(), latency != null ? latency : d.latency(),
                arrival != null ? ArrivalSpec.parse(arrival) : d.arrival(), d.picker(), d.choke(),
                connections != null ? connections : d.connections(), seed != null ? seed : d.seed(),
                maxTime != null ? maxTime : d.maxTime(), d.sample());
        List<SwarmScenario> out = new ArrayList<>();
        for (String p : pickers == null ? List.of("rarest") : pickers) {
            try {
                out.add(base.withPicker(PiecePolicy.valueOf(p.trim().toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + p + "' is not a picker: use rarest, random or sequential");
            }
        }
        return out;
    }
}
