package io.chordia.sim.world;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The contacts a converged Kademlia node would know, from a global view: for each bucket (ids
 * sharing exactly b leading bits with ours), up to k random members, plus the nodes nearest us.
 * Ids in one bucket are a contiguous range of the sorted ids, so each bucket is two binary searches.
 */
final class ConvergedBuckets {
    private ConvergedBuckets() {}

    static List<Contact> contactsFor(int self, NodeId[] sorted, List<Peer> peers, int k, int nearest, RandomGenerator random) {
        NodeId me = sorted[self];
        List<Contact> out = new ArrayList<>();
        for (int b = 0; b < NodeId.BITS; b++) {
            NodeId flipped = me.xor(NodeId.ZERO.plusPowerOfTwo(NodeId.BITS - 1 - b));
            int lo = lowerBound(sorted, flipped.withLowBits(b + 1, false));
            int hi = lowerBound(sorted, successorOfAllOnes(flipped.withLowBits(b + 1, true)));
            int n = hi - lo;
            if (n <= 0) {
                if (b > 2 * (32 - Integer.numberOfLeadingZeros(sorted.length)) + 8) {
                    break;
                }
                continue;
            }
            for (int j = 0; j < Math.min(n, k); j++) {
                int pick = n <= k ? lo + j : lo + random.nextInt(n);
                out.add(peers.get(pick).node().self());
            }
        }
        // The nodes on either side in id order: the closest by XOR are among those sharing long prefixes.
        for (int d = 1; d <= nearest && d < sorted.length; d++) {
            out.add(peers.get((self + d) % sorted.length).node().self());
            out.add(peers.get((self - d + sorted.length) % sorted.length).node().self());
        }
        return out;
    }

    private static NodeId successorOfAllOnes(NodeId hi) {
        return hi.equals(NodeId.MAX) ? null : hi.plusPowerOfTwo(0);
    }

    private static int lowerBound(NodeId[] sorted, NodeId key) {
        if (key == null) {
            return sorted.length;
        }
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
