package io.chordia.sim.experiments;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaSimulation;
import io.chordia.sim.report.Charts;
import java.util.ArrayList;
import java.util.List;

/**
 * Kademlia (Maymounkov and Mazières, IPTPS 2002) on our implementation: lookup rounds against N,
 * and sweeps of the bucket size k and the parallelism α. The paper analyses lookups (about
 * ⌈log n⌉ + c contacted nodes, log2 n expected) rather than publishing measurements, so no column
 * here is the paper's: log2 N is printed for scale, not as a bound.
 *
 * <pre>chordia sim paper kademlia [--scale S] [--seed N]</pre>
 */
public final class KademliaPaperReport {
    private static final int LOOKUPS = 1000;

    private final long seed;
    private final int scale;

    public KademliaPaperReport(long seed, int scale) {
        this.seed = seed;
        this.scale = scale;
    }

    public String run(ReportOutput output) {
        Markdown md = new Markdown();
        md.line("# Kademlia: rounds against N, and the k and α sweeps").blank();
        md.line("Seed %d, scale %d. Networks filled from global knowledge (each bucket holds up to k random members of "
                + "its range), one-way delays uniform 10–80 ms, %,d lookups of random keys per row. Rounds: the referral "
                + "depth of the node found (see KademliaSweep). Exact: the lookup returned the XOR-closest live node.", seed,
                scale, LOOKUPS).blank();
        int maxLog2 = 14 + (31 - Integer.numberOfLeadingZeros(scale));
        md.line("## Rounds against N (k = 20, α = 3, b = 1)").blank();
        md.append(new PaperComparison("IPTPS'02 §3 (the lookup analysis)", false,
                "no simulation: an analysis of lookups in a network of n nodes",
                "no measured figure; the analysis gives about ⌈log n⌉ + c contacted nodes for a small constant c, and "
                        + "log2 n expected; neither is a bound on our rounds",
                String.format(java.util.Locale.ROOT, "networks of 2^8 to 2^%d nodes filled from global knowledge, %,d "
                        + "lookups of random keys per row", maxLog2, LOOKUPS)).markdown());
        md.line(KademliaSweep.HEADER + " log2 N |", "    N");
        md.append(KademliaSweep.RULE + "-------:|\n");
        List<Double> sizes = new ArrayList<>();
        List<Double> rounds = new ArrayList<>();
        for (int log2 = 8; log2 <= maxLog2; log2 += 2) {
            int n = 1 << log2;
            output.step("rounds against N: N = %,d", n);
            sizes.add((double) n);
            KademliaSimulation sim = KademliaSweep.network(seed * 100 + log2, n, KademliaConfig.defaults(), false);
            for (LookupStyle style : LookupStyle.values()) {
                String name = style.name().toLowerCase(java.util.Locale.ROOT);
                KademliaSweep.Row row = KademliaSweep.measure(sim, Integer.toString(n), name, style, 1, LOOKUPS);
                md.line("%s %6d |", row.text(), log2);
                if (style == LookupStyle.ITERATIVE) {
                    rounds.add(row.report().meanHops());
                }
            }
        }
        md.blank().append(output.chart("rounds", "Kademlia: mean lookup rounds against N (iterative, k = 20, α = 3)",
                "nodes (log scale)", "mean rounds", List.of(new Charts.Line("iterative", unbox(sizes), unbox(rounds)),
                        new Charts.Line("log2 N", unbox(sizes), sizes.stream().mapToDouble(x -> Math.log(x) / Math.log(2))
                                .toArray())), true));
        int n = 1 << (maxLog2 - 3);
        md.blank().line("## k sweep (N = %,d, α = 3, iterative)", n).blank();
        md.line("Not a result from the paper, which publishes no k sweep: k is its replication and bucket parameter.")
                .blank();
        md.line(KademliaSweep.HEADER, "    k");
        md.append(KademliaSweep.RULE + "\n");
        output.step("k sweep");
        for (int k : new int[] {4, 8, 12, 20}) {
            KademliaConfig config = KademliaConfig.defaults().withK(k).withReplacementCacheSize(k);
            KademliaSimulation sim = KademliaSweep.network(seed * 1000 + k, n, config, false);
            md.append(KademliaSweep.row(sim, Integer.toString(k), "iterative", LookupStyle.ITERATIVE, 1, LOOKUPS) + "\n");
        }
        md.blank().line("## α sweep (N = %,d, k = 20, iterative)", n).blank();
        md.line("Not a result from the paper, which publishes no α sweep: α is its lookup parallelism parameter.")
                .blank();
        md.line(KademliaSweep.HEADER, "    α");
        md.append(KademliaSweep.RULE + "\n");
        output.step("α sweep");
        for (int alpha : new int[] {1, 2, 3, 5}) {
            KademliaSimulation sim = KademliaSweep.network(seed * 10_000 + alpha, n,
                    KademliaConfig.defaults().withAlpha(alpha), false);
            md.append(KademliaSweep.row(sim, Integer.toString(alpha), "iterative", LookupStyle.ITERATIVE, 1, LOOKUPS) + "\n");
        }
        output.step("done");
        return md.blank().toString();
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
