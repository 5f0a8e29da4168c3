package io.chordia.app.share.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chordia.sim.report.Charts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints and writes simulated swarms: a text or JSON summary per run, and with an output
 * directory the CSV files and charts (PNG and SVG, as the DHT simulator's reports): the CDF of
 * completion times, the rarest piece's copies over time, and upload utilisation over time, one
 * line per run so pickers compare on one chart.
 */
public final class SwarmReport {
    private SwarmReport() {}

    public static String text(SwarmRun run) {
        SwarmRun.Summary s = run.summary();
        SwarmScenario c = run.scenario();
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        w.printf(Locale.ROOT, "swarm: %d leechers (%s), %d seeds, %d pieces of %d KiB, upload %s, latency %d ms, seed %d%n",
                c.leechers(), c.arrival(), c.seeds(), s.pieces(), c.pieceSize() / 1024, c.upload(), c.latency().toMillis(), c.seed());
        w.printf(Locale.ROOT, "picker %-10s completed %d/%d   completion mean %.1f s  median %.1f s  p90 %.1f s  max %.1f s%n",
                s.picker(), s.completed(), s.leechers(), s.completionMeanSeconds(), s.completionMedianSeconds(),
                s.completionP90Seconds(), s.completionMaxSeconds());
        w.printf(Locale.ROOT, "  first piece after %.2f s (mean)   rarest piece's copies %.2f (mean while downloading)%n",
                s.firstPieceMeanSeconds(), s.meanMinAvailability());
        w.printf(Locale.ROOT, "  seeds' upload on first copies %.1f %% (full copy out at %.1f s)   upload used: leechers %.1f %%, seeds %.1f %%%n",
                100 * s.seedUniqueShare(), s.seedFullCopySeconds(), 100 * s.leecherUtilisation(), 100 * s.seedUtilisation());
        w.printf(Locale.ROOT, "  %.1f s of virtual time, %d events%n", s.virtualSeconds(), s.events());
        w.flush();
        return out.toString();
    }

    public static String json(List<SwarmRun> runs) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<SwarmRun.Summary> summaries = new ArrayList<>();
        for (SwarmRun r : runs) {
            summaries.add(r.summary());
        }
        SwarmScenario c = runs.get(0).scenario();
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("leechers", c.leechers());
        scenario.put("seeds", c.seeds());
        scenario.put("size", c.size());
        scenario.put("pieceSize", c.pieceSize());
        scenario.put("upload", c.upload().toString());
        scenario.put("latencyMillis", c.latency().toMillis());
        scenario.put("arrival", c.arrival().toString());
        scenario.put("connections", c.connections());
        scenario.put("seed", c.seed());
        doc.put("scenario", scenario);
        doc.put("runs", summaries);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }

    /** Writes summary.json, peers.csv, samples.csv and the three charts into {@code dir}. */
    public static void write(Path dir, List<SwarmRun> runs) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), json(runs));
        StringBuilder peers = new StringBuilder("picker,peer,initial_seed,upload_bytes_per_s,arrived_s,first_piece_s,done_s,completion_s,uploaded_bytes\n");
        StringBuilder samples = new StringBuilder("picker,t_s,present,done,min_availability,mean_availability,leecher_utilisation,seed_utilisation\n");
        List<Charts.Line> cdf = new ArrayList<>();
        List<Charts.Line> availability = new ArrayList<>();
        List<Charts.Line> utilisation = new ArrayList<>();
        for (SwarmRun r : runs) {
            String picker = r.summary().picker();
            List<Double> completions = new ArrayList<>();
            for (SwarmRun.Peer p : r.peers()) {
                peers.append(String.format(Locale.ROOT, "%s,%d,%b,%d,%.3f,%.3f,%.3f,%.3f,%d%n", picker, p.index(),
                        p.initialSeed(), p.uploadBytesPerSecond(), p.arrivedSeconds(), p.firstPieceSeconds(), p.doneSeconds(),
                        p.completionSeconds(), p.uploadedBytes()));
                if (!p.initialSeed() && p.doneSeconds() >= 0) {
                    completions.add(p.completionSeconds());
                }
            }
            completions.sort(null);
            double[] x = new double[completions.size()];
            double[] y = new double[completions.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = completions.get(i);
                y[i] = (i + 1) / (double) r.scenario().leechers();
            }
            cdf.add(new Charts.Line(picker, x, y));
            List<SwarmRun.Sample> ss = r.samples();
            double[] t = new double[ss.size()];
            double[] min = new double[ss.size()];
            double[] use = new double[ss.size()];
            for (int i = 0; i < ss.size(); i++) {
                SwarmRun.Sample s = ss.get(i);
                samples.append(String.format(Locale.ROOT, "%s,%.3f,%d,%d,%d,%.3f,%.4f,%.4f%n", picker, s.seconds(), s.present(),
                        s.done(), s.minAvailability(), s.meanAvailability(), s.leecherUtilisation(), s.seedUtilisation()));
                t[i] = s.seconds();
                min[i] = s.minAvailability();
                use[i] = Math.max(0, s.leecherUtilisation());
            }
            availability.add(new Charts.Line(picker, t, min));
            utilisation.add(new Charts.Line(picker, t, use));
        }
        Files.writeString(dir.resolve("peers.csv"), peers);
        Files.writeString(dir.resolve("samples.csv"), samples);
        Charts.write(dir, "completion-cdf", "Completion time (CDF over leechers)", "seconds since arrival",
                "fraction of leechers done", cdf, false);
        Charts.write(dir, "availability", "Copies of the rarest piece among present peers", "seconds", "copies",
                availability, false);
        Charts.write(dir, "utilisation", "Leechers' upload used, of their capacity", "seconds", "fraction",
                utilisation, false);
    }
}
