package io.chordia.routing.lookup;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * The outcome of a lookup.
 *
 * @param target   the id looked up
 * @param status   how it ended
 * @param closest  the responsible node first (Chord: the key's successor, then its successors;
 *                 Kademlia: the XOR-closest live nodes), empty when the lookup failed
 * @param hops     the longest chain of referrals that led to a queried node (1 = asked a node we knew)
 * @param messages requests sent
 * @param path     the nodes that answered, in the order they answered
 */
public record LookupResult(NodeId target, Status status, List<Contact> closest, int hops, int messages,
                           List<Contact> path) {
    public enum Status {
        /** The closest nodes all answered. */
        OK,
        /** No node answered, or the lookup could not make progress. */
        FAILED,
        /** The lookup ran out of time (recursive lookups, after the origin's retries). */
        TIMEOUT
    }

    public LookupResult {
        closest = List.copyOf(closest);
        path = List.copyOf(path);
    }

    /** The node responsible for the target; only for a lookup whose status is OK. */
    public Contact owner() {
        if (closest.isEmpty()) {
            throw new IllegalStateException("lookup of " + target.shortId() + " found no node: " + status);
        }
        return closest.get(0);
    }

    public boolean succeeded() {
        return status == Status.OK && !closest.isEmpty();
    }
}
