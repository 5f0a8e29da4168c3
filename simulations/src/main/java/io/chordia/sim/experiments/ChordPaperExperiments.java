package io.chordia.sim.experiments;

/**
 * Two of the Chord paper's experiments on our implementation: path length against N, and the
 * fraction of failed lookups right after a fraction p of 2,000 nodes fail at once (before any
 * stabilization) and once stabilized, for the paper's protocol and ours. The full report is
 * {@code chordia sim paper chord}.
 *
 * <pre>simulations/run.sh ChordPaperExperiments [maxLog2N] [seed]</pre>
 */
public final class ChordPaperExperiments {
    private ChordPaperExperiments() {}

    public static void main(String[] args) {
        int maxLog2 = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        System.out.print(ChordPaperReport.pathLength(8, maxLog2, seed, ReportOutput.NONE));
        System.out.print(ChordPaperReport.failures(2000, seed, false, ReportOutput.NONE));
    }
}
