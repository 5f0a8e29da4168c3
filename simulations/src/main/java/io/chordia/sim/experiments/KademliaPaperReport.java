package io.chordia.sim.experiments;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaSimulation;

/**
 * Kademlia (Maymounkov and Mazières, IPTPS 2002) on our implementation: lookup rounds against N,
 * and sweeps of the bucket size k and the parallelism α. The paper proves O(log N) rounds (at most
 * about ⌈log2 N⌉ / b with b bits per hop) rather than publishing measurements; that bound is the
 * paper column.
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

    public String run() {
        Markdown md = new Markdown();
        md.line("# Kademlia: rounds against N, and the k and α sweeps").blank();
        md.line("Seed %d, scale %d. Networks filled from global knowledge (each bucket holds up to k random members of "
                + "its range), one-way delays uniform 10–80 ms, %,d lookups of random keys per row. Rounds: the referral "
                + "depth of the node found (see KademliaSweep). Exact: the lookup returned the XOR-closest live node.", seed,
                scale, LOOKUPS).blank();
        int maxLog2 = 14 + (31 - Integer.numberOfLeadingZeros(scale));
        md.line("## Rounds against N (k = 20, α = 3, b = 1)").blank();
        md.line(KademliaSweep.HEADER + " paper: ≤ log2 N |", "    N");
        md.append(KademliaSweep.RULE + "----------------:|\n");
        for (int log2 = 8; log2 <= maxLog2; log2 += 2) {
            int n = 1 << log2;
            KademliaSimulation sim = KademliaSweep.network(seed * 100 + log2, n, KademliaConfig.defaults(), false);
            for (LookupStyle style : LookupStyle.values()) {
                String name = style.name().toLowerCase(java.util.Locale.ROOT);
                md.line("%s %15d |", KademliaSweep.row(sim, Integer.toString(n), name, style, 1, LOOKUPS), log2);
            }
        }
        int n = 1 << (maxLog2 - 3);
        md.blank().line("## k sweep (N = %,d, α = 3, iterative)", n).blank();
        md.line("Paper: larger k makes lookups more robust to stale contacts at the cost of bigger tables; rounds barely change.")
                .blank();
        md.line(KademliaSweep.HEADER, "    k");
        md.append(KademliaSweep.RULE + "\n");
        for (int k : new int[] {4, 8, 12, 20}) {
            KademliaConfig config = KademliaConfig.defaults().withK(k).withReplacementCacheSize(k);
            KademliaSimulation sim = KademliaSweep.network(seed * 1000 + k, n, config, false);
            md.append(KademliaSweep.row(sim, Integer.toString(k), "iterative", LookupStyle.ITERATIVE, 1, LOOKUPS) + "\n");
        }
        md.blank().line("## α sweep (N = %,d, k = 20, iterative)", n).blank();
        md.line("Paper: α concurrent requests trade messages for latency (a slow or dead contact no longer stalls a round).")
                .blank();
        md.line(KademliaSweep.HEADER, "    α");
        md.append(KademliaSweep.RULE + "\n");
        for (int alpha : new int[] {1, 2, 3, 5}) {
            KademliaSimulation sim = KademliaSweep.network(seed * 10_000 + alpha, n,
                    KademliaConfig.defaults().withAlpha(alpha), false);
            md.append(KademliaSweep.row(sim, Integer.toString(alpha), "iterative", LookupStyle.ITERATIVE, 1, LOOKUPS) + "\n");
        }
        return md.blank().toString();
    }
}
