package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.routing.lookup.LookupResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * What a batch of simulated lookups achieved against the ground truth.
 *
 * @param lookups      lookups run
 * @param succeeded    lookups that ended OK
 * @param exact        lookups whose first node was the true closest live node
 * @param meanKFraction mean fraction of the true k closest live nodes found
 * @param hops         hops (rounds) of each successful lookup, sorted
 * @param messages     requests of each lookup, sorted
 */
public record LookupReport(int lookups, int succeeded, int exact, double meanKFraction, int[] hops, int[] messages) {
    /**
     * Grades finished lookups against {@code closestLive}, the {@code count} live nodes nearest a
     * target now, closest first (the simulation's ground truth, asked when the batch is done).
     */
    public static LookupReport grade(List<CompletableFuture<LookupResult>> results, int k,
                                     BiFunction<NodeId, Integer, List<Contact>> closestLive) {
        int succeeded = 0;
        int exact = 0;
        double fraction = 0;
        List<Integer> hops = new ArrayList<>();
        int[] messages = new int[results.size()];
        for (int i = 0; i < results.size(); i++) {
            LookupResult r = results.get(i).join();
            messages[i] = r.messages();
            if (!r.succeeded()) {
                continue;
            }
            succeeded++;
            hops.add(r.hops());
            List<Contact> truth = closestLive.apply(r.target(), k);
            if (r.owner().equals(truth.get(0))) {
                exact++;
            }
            int found = 0;
            for (Contact c : r.closest()) {
                if (truth.contains(c)) {
                    found++;
                }
            }
            fraction += (double) found / truth.size();
        }
        int[] h = hops.stream().mapToInt(Integer::intValue).sorted().toArray();
        Arrays.sort(messages);
        return new LookupReport(results.size(), succeeded, exact, results.isEmpty() ? 0 : fraction / results.size(), h,
                messages);
    }

    public double exactRate() {
        return lookups == 0 ? 0 : (double) exact / lookups;
    }

    public double successRate() {
        return lookups == 0 ? 0 : (double) succeeded / lookups;
    }

    public double meanHops() {
        return Arrays.stream(hops).average().orElse(0);
    }

    public int hopsPercentile(double p) {
        return percentile(hops, p);
    }

    public double meanMessages() {
        return Arrays.stream(messages).average().orElse(0);
    }

    public int messagesPercentile(double p) {
        return percentile(messages, p);
    }

    /** The nearest-rank percentile {@code p} (0..100) of a sorted array; the median is p = 50. */
    static int percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d lookups: ok %.2f%%, exact %.2f%%, k-closest %.2f%%, hops mean %.2f p50 %d p99 %d,"
                        + " messages mean %.1f p50 %d p99 %d", lookups, 100 * successRate(), 100 * exactRate(), 100 * meanKFraction,
                meanHops(), hopsPercentile(50), hopsPercentile(99), meanMessages(), messagesPercentile(50), messagesPercentile(99));
    }
}
