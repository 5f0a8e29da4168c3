package io.chordia.app.share.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a run's peers and samples into its {@link SwarmRun.Summary}. */
final class SwarmRunSummary {
    private SwarmRunSummary() {}

    static SwarmRun of(SwarmScenario scenario, List<SwarmRun.Peer> peers, List<SwarmRun.Sample> samples,
                       double seedUniqueShare, double seedFullCopySeconds, double virtualSeconds, long events) {
        List<Double> completions = new ArrayList<>();
        double firstPieceSum = 0;
        int firstPieces = 0;
        for (SwarmRun.Peer p : peers) {
            if (p.initialSeed()) {
                continue;
            }
            if (p.doneSeconds() >= 0) {
                completions.add(p.completionSeconds());
            }
            if (p.firstPieceSeconds() >= 0) {
                firstPieceSum += p.firstPieceSeconds() - p.arrivedSeconds();
                firstPieces++;
            }
        }
        completions.sort(null);
        double minAvailability = 0;
        double leecherUse = 0;
        double seedUse = 0;
        int downloading = 0;
        int seeding = 0;
        for (SwarmRun.Sample s : samples) {
            if (s.leecherUtilisation() >= 0) {
                minAvailability += s.minAvailability();
                leecherUse += s.leecherUtilisation();
                downloading++;
            }
            if (s.seedUtilisation() >= 0 && s.leecherUtilisation() >= 0) {
                seedUse += s.seedUtilisation();
                seeding++;
            }
        }
        SwarmRun.Summary summary = new SwarmRun.Summary(scenario.picker().name().toLowerCase(Locale.ROOT),
                scenario.leechers(), scenario.seeds(), scenario.pieces(), completions.size(), mean(completions),
                quantile(completions, 0.5), quantile(completions, 0.9), quantile(completions, 1.0),
                firstPieces == 0 ? -1 : round(firstPieceSum / firstPieces), downloading == 0 ? -1 : round(minAvailability / downloading),
                round(seedUniqueShare), round(seedFullCopySeconds), downloading == 0 ? -1 : round(leecherUse / downloading),
                seeding == 0 ? -1 : round(seedUse / seeding), round(virtualSeconds), events);
        return new SwarmRun(scenario, summary, peers, samples);
    }

    private static double mean(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return -1;
        }
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return round(sum / sorted.size());
    }

    private static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))));
    }

    /** Three decimals: the summary is compared across runs, and printed. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
