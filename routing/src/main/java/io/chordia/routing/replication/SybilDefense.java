package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import io.chordia.routing.kademlia.Subnets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How far a replica set reaches past the N nodes nearest a key, so that nodes with ground ids
 * crowding the key cannot be all of it. Node ids are chosen by the nodes, so an attacker can
 * place N ids nearer a key than any honest node and take every replica: it acknowledges stores,
 * drops them and answers gets with "not found".
 *
 * <ul>
 *   <li>{@link Mode#SUBNETS}: nodes of a subnet already in the set do not count towards N (IPv4
 *       /24, IPv6 /48, as Kademlia's bucket limit groups them). Stops an attacker with fewer
 *       subnets than N; not one with N subnets.</li>
 *   <li>{@link Mode#REACH}: every node nearer the key than {@code reachFactor} times the expected
 *       distance of the N-th nearest node ({@code N / size}, the size from {@link
 *       NetworkSizeEstimate}) is a replica too, as pubky's mainline crate stores. Ground ids add
 *       to the set instead of displacing honest nodes from it.</li>
 *   <li>{@link Mode#BOTH}: the longer of the two sets.</li>
 * </ul>
 * Either way the set is a prefix of the nodes nearest the key, at least N and at most
 * {@code maxReplicas} long.
 *
 * @param mode        which rule extends the set
 * @param reachFactor REACH: the window, in expected distances of the N-th nearest node
 * @param maxReplicas the longest set, whatever the rules say: bounds what one put or get costs
 */
public record SybilDefense(Mode mode, double reachFactor, int maxReplicas) {
    /** Which rule extends the replica set past the N nearest nodes. */
    public enum Mode {
        NONE, SUBNETS, REACH, BOTH
    }

    public static final SybilDefense NONE = new SybilDefense(Mode.NONE, 1, 16);

    public SybilDefense {
        Checks.notNull(mode, "mode");
        Checks.check(reachFactor >= 1 && reachFactor <= 16, "reachFactor must be in [1, 16], was %s", reachFactor);
        Checks.inRange(maxReplicas, 1, 64, "maxReplicas");
    }

    /**
     * Reach 2 with at most 12 replicas: a window twice the N-th node's expected distance holds
     * about 2N honest nodes, so none is in it with probability about e^-2N (0.25% for N = 3).
     */
    public static SybilDefense defaults() {
        return new SybilDefense(Mode.REACH, 2, 12);
    }

    public SybilDefense withMode(Mode value) {
        return new SybilDefense(value, reachFactor, maxReplicas);
    }

    /** The candidates a set may need: the longest set, at least {@code n}. */
    public int candidatesWanted(int n) {
        return mode == Mode.NONE ? n : Math.max(n, maxReplicas);
    }

    /**
     * How many of {@code nearest} (nearest the key first) are replicas: at least
     * {@code min(n, nearest.size())}, at most {@code max(n, maxReplicas)}.
     */
    public int replicaCount(NodeId key, List<Contact> nearest, int n, KeyDistance metric,
                            double networkSize) {
        int count = Math.min(n, nearest.size());
        if (mode == Mode.SUBNETS || mode == Mode.BOTH) {
            count = Math.max(count, distinctSubnetPrefix(nearest, n));
        }
        if ((mode == Mode.REACH || mode == Mode.BOTH) && networkSize > 0) {
            double window = reachFactor * n / networkSize;
            int within = 0;
            while (within < nearest.size() && metric.fraction(key, nearest.get(within).id()) <= window) {
                within++;
            }
            count = Math.max(count, within);
        }
        return Math.min(count, Math.max(n, maxReplicas));
    }

    /** The shortest prefix spanning {@code n} subnets (all of it if it spans fewer); exempt addresses count alone. */
    private static int distinctSubnetPrefix(List<Contact> nearest, int n) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nearest.size(); i++) {
            String subnet = Subnets.of(nearest.get(i).address());
            seen.add(subnet == null ? "exempt:" + i : subnet);
            if (seen.size() >= n) {
                return i + 1;
            }
        }
        return nearest.size();
    }
}
