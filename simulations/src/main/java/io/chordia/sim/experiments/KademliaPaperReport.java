package io.chordia.sim.experiments;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaProfile;
import io.chordia.sim.report.Charts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kademlia (Maymounkov and Mazières, IPTPS 2002) on our implementation: lookup rounds against N,
 * and sweeps of the bucket size k and the parallelism α, each row run by the paper's protocol
 * ("faithful", {@link KademliaProfile#IPTPS02}) and ours ("improved"). The paper analyses lookups
 * (⌈log n⌉ + c steps) rather than publishing measurements, so no column here is the paper's.
 *
 * <pre>chordia sim paper kademlia [--faithful] [--scale S] [--seed N]</pre>
 */
public final class KademliaPaperReport {
    private static final int LOOKUPS = 1000;

    private final long seed;
    private final int scale;
    private final boolean faithfulOnly;

    public KademliaPaperReport(long seed, int scale, boolean faithfulOnly) {
        this.seed = seed;
        this.scale = scale;
        this.faithfulOnly = faithfulOnly;
    }

    public KademliaPaperReport(long seed, int scale) {
        this(seed, scale, false);
    }

    public String run(ReportOutput output) {
        Markdown md = new Markdown();
        md.line("# Kademlia: rounds against N, and the k and α sweeps").blank();
        md.line("Seed %d, scale %d. Networks filled from global knowledge (each bucket holds up to k random members of "
                + "its range), one-way delays uniform 10–80 ms, %,d lookups of random keys per row. Rounds: the referral "
                + "depth of the node found (see KademliaSweep). Exact: the lookup returned the XOR-closest live node.", seed,
                scale, LOOKUPS).blank();
        md.line("Rows labelled faithful run the paper's protocol on our node code (profile IPTPS02: k = 20, α = 3, b = 1, "
                + "a full bucket pings its least-recently seen node for each newcomer, hourly bucket refresh, none of our "
                + "extras: no leaf set, no verification ping of new senders, no suspect probes, no patience for slow nodes, "
                + "no referrer distrust; iterative only, as the paper's lookups are); rows labelled improved run ours%s.",
                faithfulOnly ? "; this report (--faithful) has only the faithful rows" : "").blank();
        int maxLog2 = 14 + (31 - Integer.numberOfLeadingZeros(scale));
        md.append(rounds(maxLog2, output));
        int n = 1 << (maxLog2 - 3);
        md.blank().line("## k sweep (N = %,d, α = 3, iterative)", n).blank();
        md.line("Not a result from the paper, which publishes no k sweep: k is its replication and bucket parameter "
                + "(\"for example k = 20\", §2.1).").blank();
        md.line(KademliaSweep.HEADER + " mode      |", "    k");
        md.append(KademliaSweep.RULE + "-----------|\n");
        output.step("k sweep");
        for (int k : new int[] {4, 8, 12, 20}) {
            for (KademliaProfile profile : profiles()) {
                KademliaConfig config = profile.applyTo(KademliaConfig.defaults().withK(k)
                        .withReplacementCacheSize(k)).withK(k);
                KademliaWorld sim = KademliaSweep.network(seed * 1000 + k, n, config, false);
                md.line("%s %-9s |", KademliaSweep.row(sim, Integer.toString(k), "iterative", LookupStyle.ITERATIVE, 1,
                        LOOKUPS), mode(profile));
            }
        }
        md.blank().line("## α sweep (N = %,d, k = 20, iterative)", n).blank();
        md.line("Not a result from the paper, which publishes no α sweep: α is its lookup parallelism parameter "
                + "(\"a system-wide concurrency parameter, such as 3\", §2.2).").blank();
        md.line(KademliaSweep.HEADER + " mode      |", "    α");
        md.append(KademliaSweep.RULE + "-----------|\n");
        output.step("α sweep");
        for (int alpha : new int[] {1, 2, 3, 5}) {
            for (KademliaProfile profile : profiles()) {
                KademliaWorld sim = KademliaSweep.network(seed * 10_000 + alpha, n,
                        profile.config().withAlpha(alpha), false);
                md.line("%s %-9s |", KademliaSweep.row(sim, Integer.toString(alpha), "iterative", LookupStyle.ITERATIVE, 1,
                        LOOKUPS), mode(profile));
            }
        }
        output.step("done");
        return md.blank().toString();
    }

    /** Rounds against N = 2^8 .. 2^maxLog2, both modes on the same network of each size. */
    String rounds(int maxLog2, ReportOutput output) {
        Markdown md = new Markdown();
        md.line("## Rounds against N (k = 20, α = 3, b = 1)").blank();
        md.append(new PaperComparison("IPTPS'02 §3 (the proof sketch)", true,
                "no simulation: an analysis of lookups in a network of n nodes",
                "no measured figure: \"most operations take ⌈log n⌉ + c time for some small constant c\"; a lookup "
                        + "\"will always return the closest node in h − log k steps\" (h: the depth of the closest node, "
                        + "within a constant of log n); neither is a bound on our rounds",
                String.format(Locale.ROOT, "networks of 2^8 to 2^%d nodes filled from global knowledge, %,d lookups of "
                        + "random keys per row%s", maxLog2, LOOKUPS,
                        faithfulOnly ? "; --faithful: faithful rows only" : "")).markdown());
        md.line(KademliaSweep.HEADER + " mode      | log2 N | ⌈log2 N⌉ − log2 k |", "    N");
        md.append(KademliaSweep.RULE + "-----------|-------:|-------------------:|\n");
        List<Double> sizes = new ArrayList<>();
        List<KademliaProfile> profiles = profiles();
        List<List<Double>> rounds = new ArrayList<>();
        profiles.forEach(p -> rounds.add(new ArrayList<>()));
        for (int log2 = 8; log2 <= maxLog2; log2 += 2) {
            int n = 1 << log2;
            sizes.add((double) n);
            for (int m = 0; m < profiles.size(); m++) {
                KademliaProfile profile = profiles.get(m);
                output.step("rounds against N: N = %,d, %s", n, mode(profile));
                KademliaWorld sim = KademliaSweep.network(seed * 100 + log2, n, profile.config(), false);
                for (LookupStyle style : profile.faithful() ? List.of(LookupStyle.ITERATIVE) : List.of(LookupStyle.values())) {
                    String name = style.name().toLowerCase(Locale.ROOT);
                    KademliaSweep.Row row = KademliaSweep.measure(sim, Integer.toString(n), name, style, 1, LOOKUPS);
                    md.line("%s %-9s | %6d | %18.1f |", row.text(), mode(profile), log2, log2 - Math.log(20) / Math.log(2));
                    if (style == LookupStyle.ITERATIVE) {
                        rounds.get(m).add(row.report().meanHops());
                    }
                }
            }
        }
        md.blank().line("The paper's analysis counts steps to the closest node as about h − log k (h within a constant "
                + "of log n), plus a constant to find the other k − 1; the last column is that without the constants. "
                + "A lookup's rounds here are the referral depth of the closest node it found.").blank();
        List<Charts.Line> lines = new ArrayList<>();
        for (int m = 0; m < profiles.size(); m++) {
            lines.add(new Charts.Line(mode(profiles.get(m)) + ", iterative", unbox(sizes), unbox(rounds.get(m))));
        }
        lines.add(new Charts.Line("log2 N", unbox(sizes), sizes.stream().mapToDouble(x -> Math.log(x) / Math.log(2))
                .toArray()));
        return md.append(output.chart("rounds", "Kademlia: mean lookup rounds against N (iterative, k = 20, α = 3)",
                "nodes (log scale)", "mean rounds", lines, true)).toString();
    }

    private List<KademliaProfile> profiles() {
        return faithfulOnly ? List.of(KademliaProfile.IPTPS02) : List.of(KademliaProfile.IPTPS02, KademliaProfile.IMPROVED);
    }

    /** The row label of a profile: the paper's protocol is "faithful", ours "improved". */
    static String mode(KademliaProfile profile) {
        return profile.faithful() ? "faithful" : "improved";
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
