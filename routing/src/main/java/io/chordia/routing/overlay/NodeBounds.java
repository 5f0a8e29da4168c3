package io.chordia.routing.overlay;

import io.chordia.core.util.Checks;
import io.chordia.routing.kademlia.KademliaConfig;

/**
 * Caps on a node that anyone may contact (a bootstrap node), in protocol-neutral terms.
 *
 * @param contactsPerBucket Kademlia's k (1..{@link KademliaConfig#MAX_K}); Chord's lists are already
 *                          bounded by its configuration and ignore it
 * @param maxPendingCalls   calls in flight at once on the node's maintenance endpoint
 */
public record NodeBounds(int contactsPerBucket, int maxPendingCalls) {
    public NodeBounds {
        Checks.inRange(contactsPerBucket, 1, KademliaConfig.MAX_K, "contactsPerBucket");
        Checks.inRange(maxPendingCalls, 1, 1 << 20, "maxPendingCalls");
    }
}
