package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.routing.lookup.LookupResult;
import java.util.Arrays;
import java.util.List;

/**
 * The network's size as this node can tell from the nodes its lookups found nearest their
 * targets. Node ids are uniform, so the i-th nearest node to a target lies about i/n of the id
 * space away; one lookup gives the least-squares fit of its distances to that line, and the
 * estimate is the median of the last {@value #SAMPLES} lookups. The median, not the mean (pubky's
 * mainline averages), because a lookup of a key that Sybils surround sees a crowd at distance
 * zero and overstates the size: a few such lookups must not shrink every replica window.
 * The node's own neighbourhood (its nearest known nodes) counts as one more sample, so that a
 * node that has made no lookup yet still has an estimate.
 *
 * <p>{@link #fromLookups} is the efficient estimate for display (status, the simulator's summary):
 * the nearest m nodes to a target are the first m points of a uniform scatter of density n, so
 * the distance of the m-th is Gamma(m, n) distributed, and pooling the last lookups gives the
 * maximum-likelihood (bias-corrected) n = (sum of m - 1) / (sum of m-th distances). Its relative
 * error falls as 1/sqrt(sum of m): 16 lookups of 20 nodes, about 5.6% (docs/protocols/network-size.md).
 * The median above wastes about a third of that information, the price of its robustness.
 * Node-thread confined, except {@link #fromLookups}, which any thread may read.
 */
public final class NetworkSizeEstimate {
    static final int SAMPLES = 32;
    /** Fewer nearest nodes than this say too little about the density. */
    static final int MIN_NODES = 4;

    private final KeyDistance metric;
    private final double[] samples = new double[SAMPLES];
    private int count;
    private int next;
    private double neighbourhood;
    /** Per recorded lookup: how many nearest nodes it found, and the distance of the farthest of them. */
    private final int[] found = new int[SAMPLES];
    private final double[] farthest = new double[SAMPLES];
    private volatile double pooled;
    private volatile int lookups;

    public NetworkSizeEstimate(KeyDistance metric) {
        this.metric = metric;
    }

    /**
     * Takes in how a node's own lookup of {@code target} ended: the nearest nodes of a successful
     * one (a {@code whenComplete} callback, so {@code failure} and {@code result} are as it gives them).
     */
    public void recordLookup(NodeId target, LookupResult result, Throwable failure) {
        if (failure == null && result.succeeded()) {
            record(target, result.closest());
        }
    }

    /** Takes in the nodes a lookup of {@code target} found nearest it, nearest first. */
    public void record(NodeId target, List<Contact> nearest) {
        double estimate = fit(target, nearest);
        if (estimate > 0) {
            found[next] = nearest.size();
            farthest[next] = metric.fraction(target, nearest.get(nearest.size() - 1).id());
            samples[next] = estimate;
            next = (next + 1) % SAMPLES;
            count = Math.min(count + 1, SAMPLES);
            pool();
        }
    }

    private void pool() {
        long nodes = 0;
        double distance = 0;
        for (int i = 0; i < count; i++) {
            nodes += found[i];
            distance += farthest[i];
        }
        pooled = distance > 0 ? (nodes - 1) / distance : 0;
        lookups = count;
    }

    /**
     * The pooled maximum-likelihood estimate from the last {@value #SAMPLES} lookups, or 0 before
     * any: less robust than {@link #nodes} to lookups of crowded keys, and about half its error.
     */
    public double fromLookups() {
        return pooled;
    }

    /** How many lookups {@link #fromLookups} pools. */
    public int lookupsPooled() {
        return lookups;
    }

    /**
     * Replaces the neighbourhood sample with the nearer half of {@code known}, the nodes this node
     * knows nearest its own id {@code self}, in any order. Chord's predecessors lie almost the
     * whole ring away clockwise, and are left out.
     */
    public void recordNeighbourhood(NodeId self, List<Contact> known) {
        List<Contact> nearest = known.stream()
                .filter(c -> metric.fraction(self, c.id()) < 0.5)
                .sorted(java.util.Comparator.comparingDouble(c -> metric.fraction(self, c.id())))
                .limit(Math.max(MIN_NODES, known.size() / 2)).toList();
        double estimate = fit(self, nearest);
        if (estimate > 0) {
            neighbourhood = estimate;
        }
    }

    /** Least squares through the origin of distance on rank (d_i = i/n), or 0 when there are too few nodes. */
    private double fit(NodeId target, List<Contact> nearest) {
        if (nearest.size() < MIN_NODES) {
            return 0;
        }
        double ranksSquared = 0;
        double rankTimesDistance = 0;
        for (int i = 0; i < nearest.size(); i++) {
            int rank = i + 1;
            ranksSquared += (double) rank * rank;
            rankTimesDistance += rank * metric.fraction(target, nearest.get(i).id());
        }
        return rankTimesDistance > 0 ? ranksSquared / rankTimesDistance : 0;
    }

    /** The median estimate of the network's size, or 0 before any lookup. */
    public double nodes() {
        double[] all = Arrays.copyOf(samples, count + 1);
        all[count] = neighbourhood;
        int n = neighbourhood > 0 ? count + 1 : count;
        if (n == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(neighbourhood > 0 ? all : samples, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
