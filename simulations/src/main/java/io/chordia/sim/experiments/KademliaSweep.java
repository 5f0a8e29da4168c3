package io.chordia.sim.experiments;

import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.LookupReport;
import java.time.Duration;
import java.util.Locale;

/**
 * Rounds and messages per Kademlia lookup against network size: N = 2^8 .. 2^maxLog2N, iterative
 * with one path and with d = 4 disjoint paths, and recursive. Each network is built by joining node
 * by node (or, with {@code converged}, filled from global knowledge, which is faster), then runs
 * 2,000 lookups of random keys from random nodes per row.
 *
 * <pre>simulations/run.sh KademliaSweep [maxLog2N=14] [seed=1] [joined|converged]</pre>
 *
 * <p>Rounds: for an iterative lookup, the referral depth of the node found closest (1 = the origin
 * knew it; each reply that named the next node adds one), which is the number of sequential round
 * trips that led to it; for a recursive one, the nodes the query visited. Messages: requests sent
 * for the lookup (each answered by one response or acknowledgement), retries not counted.
 * Datagrams: everything the network carried during the batch divided by the lookups, responses,
 * acknowledgements and the pings that verify new contacts included.
 */
public final class KademliaSweep {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(10), Duration.ofMillis(80)));
    private static final int LOOKUPS = 2000;

    private KademliaSweep() {}

    public static void main(String[] args) {
        int maxLog2 = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        boolean joined = args.length <= 2 || !args[2].equals("converged");
        System.out.printf(Locale.ROOT, "Kademlia lookups, k = 20, alpha = 3, b = 1; networks %s; %d lookups per row; seed %d%n",
                joined ? "built by joining one node at a time" : "filled from global knowledge (converged)", LOOKUPS, seed);
        System.out.println(String.format(HEADER, "    N"));
        System.out.println(RULE);
        for (int log2 = 8; log2 <= maxLog2; log2++) {
            int n = 1 << log2;
            long start = System.nanoTime();
            KademliaWorld sim = network(seed * 100 + log2, n, KademliaConfig.defaults(), joined);
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            row(sim, n, "iterative", LookupStyle.ITERATIVE, 1);
            row(sim, n, "iterative d=4", LookupStyle.ITERATIVE, 4);
            row(sim, n, "recursive", LookupStyle.RECURSIVE, 1);
            System.err.printf(Locale.ROOT, "N = %d: built in %.1f s, %.1f s in all%n", n, buildSeconds,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static void row(KademliaWorld sim, int n, String name, LookupStyle style, int disjointPaths) {
        System.out.println(row(sim, Integer.toString(n), name, style, disjointPaths, LOOKUPS));
    }

    static final String HEADER = "| %s | style         | exact  | k-closest | rounds mean | p50 | p99 | messages mean | p50 | p99 | datagrams |";
    static final String RULE = "|------:|---------------|-------:|----------:|------------:|----:|----:|--------------:|----:|----:|----------:|";

    /** One table row: {@code lookups} lookups of random keys from random nodes, all started at once. */
    static String row(KademliaWorld sim, String first, String name, LookupStyle style, int disjointPaths, int lookups) {
        return measure(sim, first, name, style, disjointPaths, lookups).text();
    }

    /** A table row and the report it came from. */
    record Row(String text, LookupReport report) {}

    /** As {@link #row}, keeping the report for charts. */
    static Row measure(KademliaWorld sim, String first, String name, LookupStyle style, int disjointPaths, int lookups) {
        long sent = sim.network().stats().sent();
        LookupReport r = sim.runLookups(lookups, style, disjointPaths, name);
        double datagrams = (double) (sim.network().stats().sent() - sent) / lookups;
        return new Row(String.format(Locale.ROOT, "| %5s | %-13s | %5.1f%% | %8.1f%% | %11.2f | %3d | %3d | %13.1f | %3d | %3d | %9.1f |",
                first, name, 100 * r.exactRate(), 100 * r.meanKFraction(), r.meanHops(), r.hopsPercentile(50),
                r.hopsPercentile(99), r.meanMessages(), r.messagesPercentile(50), r.messagesPercentile(99), datagrams), r);
    }

    /** A network of n nodes, joined one at a time or filled from global knowledge. */
    static KademliaWorld network(long seed, int n, KademliaConfig config, boolean joined) {
        return new KademliaWorld(seed, n, WAN, config, joined);
    }
}
