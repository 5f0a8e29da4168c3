package io.chordia.sim.metrics;

import io.chordia.routing.OverlayNode;
import java.util.Arrays;
import java.util.List;

/**
 * The network's size as the nodes themselves estimate it from their lookups
 * ({@link OverlayNode#networkSizeEstimate}), summarized over the live nodes: the median of the
 * estimates of nodes that made a lookup, so that the summary shows what a typical node believes.
 */
public final class SizeEstimates {
    private SizeEstimates() {}

    /** The median estimate among {@code nodes} that have one, or {@code null} when none has. */
    public static Double median(List<? extends OverlayNode> nodes) {
        double[] estimates = nodes.stream().mapToDouble(OverlayNode::networkSizeEstimate).filter(e -> e > 0).toArray();
        if (estimates.length == 0) {
            return null;
        }
        Arrays.sort(estimates);
        int n = estimates.length;
        return n % 2 == 1 ? estimates[n / 2] : (estimates[n / 2 - 1] + estimates[n / 2]) / 2;
    }
}
