package io.chordia.routing.lookup;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * The outcome of a lookup.
 *
 * @param target   the id looked up
 * @param status   how it ended
 * @param closest  the live nodes found closest to the target, closest first
 * @param hops     the longest chain of referrals that led to a queried node (1 = asked a node we knew)
 * @param messages requests sent
 * @param path     the nodes that answered, in the order they answered
 */
public record LookupResult(NodeId target, Status status, List<Contact> closest, int hops, int messages,
                           List<Contact> path) {
    public enum Status {
        /** The closest nodes all answered. */
        OK,
        /** No node answered. */
        FAILED
    }

    public LookupResult {
        closest = List.copyOf(closest);
        path = List.copyOf(path);
    }
}
