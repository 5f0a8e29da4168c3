package io.chordia.sim.experiments;

import java.util.Locale;

/**
 * Data loss and storage maintenance traffic against the churn rate, for each replication factor:
 * one {@link StorageChurnExperiment} run per (median session, r), printed as a markdown table.
 *
 * <pre>simulations/run.sh StorageChurnSweep [nodes] [keys] [hours] [seed] [medians,...] [replicas,...]</pre>
 */
public final class StorageChurnSweep {
    private StorageChurnSweep() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        double hours = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        String[] medians = (args.length > 4 ? args[4] : "120,60,30,10,5,2").split(",");
        String[] replicas = (args.length > 5 ? args[5] : "1,2,3").split(",");
        System.out.printf(Locale.ROOT, "%,d nodes, %,d keys, %.1f simulated hours, seed %d%n%n", n, keys, hours, seed);
        System.out.println("| median session (min) | r | departures | acknowledged keys | lost | stale reads "
                + "| storage maintenance (bytes/node/s) | wall (s) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String r : replicas) {
            for (String m : medians) {
                StorageChurnExperiment.Result result = StorageChurnExperiment.run(n, keys, hours,
                        Double.parseDouble(m), Integer.parseInt(r), seed);
                System.out.println(result.line());
            }
        }
    }
}
