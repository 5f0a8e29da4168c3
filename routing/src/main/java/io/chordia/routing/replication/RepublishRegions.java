package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which keys one lookup serves, as go-libp2p-kad-dht's "Reprovide Sweep" batches republishing by
 * key region: the lookup of an anchor key returns the nodes nearest it, and every key near enough
 * the anchor has all of its own nearest nodes among them. The bound is the metric's triangle
 * inequality (XOR and clockwise distance both obey it): a node the lookup did not return is farther
 * from the anchor than the farthest it did, {@code D}, so it is at least {@code D - d(anchor, key)}
 * from the key; a key whose n-th nearest returned node is within that is served, and its replica
 * set is the lookup's answer re-sorted by nearness to the key. Pure functions.
 */
final class RepublishRegions {
    private RepublishRegions() {}

    /**
     * Whether {@code found} (the nodes nearest {@code anchor}, as its lookup returned them; those
     * that hold no records already taken out of {@code usable}) holds the n nodes nearest {@code key}.
     */
    static boolean serves(KeyDistance distance, NodeId anchor, List<Contact> found, List<Contact> usable, NodeId key, int n) {
        if (usable.size() < n || found.isEmpty()) {
            return false;
        }
        // Distances are unsigned 160-bit numbers (NodeId's compareTo is unsigned): reach is
        // farthest - d(anchor, key), and below zero nothing is within it.
        NodeId farthest = NodeId.ZERO;
        for (Contact c : found) {
            NodeId d = distance.between(anchor, c.id());
            if (d.compareTo(farthest) > 0) {
                farthest = d;
            }
        }
        NodeId toKey = distance.between(anchor, key);
        if (toKey.compareTo(farthest) > 0) {
            return false;
        }
        NodeId reach = farthest.minus(toKey);
        NodeId nth = distance.between(key, nearest(distance, key, usable).get(n - 1).id());
        return nth.compareTo(reach) < 0;
    }

    /** {@code nodes} sorted by nearness to {@code key}. */
    static List<Contact> nearest(KeyDistance distance, NodeId key, List<Contact> nodes) {
        List<Contact> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(c -> distance.between(key, c.id())));
        return sorted;
    }

    /**
     * The run of {@code sortedKeys} from {@code from} on that the lookup of {@code sortedKeys[from]}
     * serves: at least that one key, which a lookup serves as it would key by key.
     */
    static int servedRun(KeyDistance distance, List<NodeId> sortedKeys, int from, List<Contact> found, List<Contact> usable,
                         int n) {
        NodeId anchor = sortedKeys.get(from);
        int end = from + 1;
        while (end < sortedKeys.size() && serves(distance, anchor, found, usable, sortedKeys.get(end), n)) {
            end++;
        }
        return end - from;
    }
}
