package io.chordia.sim.experiments;

import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two of the Chord paper's experiments on our implementation: path length against N, and the
 * fraction of failed lookups right after a fraction p of the nodes fail at once (before any
 * stabilization), and after 30 s of it.
 *
 * <pre>simulations/run.sh ChordPaperExperiments [maxLog2N] [seed]</pre>
 */
public final class ChordPaperExperiments {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));

    private ChordPaperExperiments() {}

    public static void main(String[] args) {
        int maxLog2 = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        pathLength(maxLog2, seed);
        failures(seed);
    }

    static void pathLength(int maxLog2, long seed) {
        System.out.println("Path length (hops to the owner) on a converged ring, 4,000 random lookups per row");
        System.out.println("|     N | style     | mean | p50 | p99 | ½·log2 N | failed |");
        System.out.println("|------:|-----------|-----:|----:|----:|---------:|-------:|");
        for (int log2 = 8; log2 <= maxLog2; log2 += 1) {
            for (LookupStyle style : LookupStyle.values()) {
                long start = System.nanoTime();
                ChordWorld world = new ChordWorld(seed + log2, 1 << log2, WAN, ChordConfig.defaults());
                ChordWorld.Outcome o = world.lookups(4000, style);
                System.out.printf(Locale.ROOT, "| %5d | %-9s | %4.2f | %3d | %3d | %8.1f | %6d |   (%.1f s wall)%n",
                        1 << log2, style, o.meanHops(), o.p50Hops(), o.p99Hops(), log2 / 2.0, o.failed(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.println();
    }

    static void failures(long seed) {
        int n = 2000;
        System.out.println("Failed lookups after a fraction p of " + n + " nodes fail at once (r = 16), 2,000 lookups each");
        System.out.println("| p   | style     | failed right after | failed after 30 s of stabilization |");
        System.out.println("|-----|-----------|-------------------:|-----------------------------------:|");
        for (int percent = 10; percent <= 50; percent += 10) {
            for (LookupStyle style : LookupStyle.values()) {
                ChordWorld world = new ChordWorld(seed * 100 + percent, n, WAN, ChordConfig.defaults());
                List<ChordNode> all = new ArrayList<>(world.live.values());
                for (ChordNode node : all) {
                    if (world.workload.nextInt(100) < percent) {
                        world.crash(node);
                    }
                }
                ChordWorld.Outcome right = world.lookups(2000, style);
                world.loop.advance(Duration.ofSeconds(30));
                ChordWorld.Outcome after = world.lookups(2000, style);
                System.out.printf(Locale.ROOT, "| %.1f | %-9s | %17.2f%% | %33.2f%% |%n", percent / 100.0, style,
                        100.0 * right.failed() / right.lookups(), 100.0 * after.failed() / after.lookups());
            }
        }
    }
}
