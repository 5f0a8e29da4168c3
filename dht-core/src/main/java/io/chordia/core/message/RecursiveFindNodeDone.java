package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * The end of a recursive Kademlia lookup, sent by the last hop straight to the origin, which
 * acknowledges ({@link Ack}).
 *
 * @param lookupId the origin's id for the lookup
 * @param target   the id looked up
 * @param hops     the nodes the query reached, the sender of this message included
 * @param sent     requests sent along the chain, this one included
 * @param closest  the sender's closest known nodes to {@code target}, closest first; never empty
 *                 (the sender counts itself)
 */
public record RecursiveFindNodeDone(long lookupId, NodeId target, int hops, int sent, List<Contact> closest)
        implements Request<Ack> {
    public RecursiveFindNodeDone {
        Checks.notNull(target, "target");
        Checks.inRange(hops, 1, RecursiveFindNode.MAX_HOPS, "hops");
        Checks.inRange(sent, hops, RecursiveFindNode.MAX_SENT, "sent");
        closest = List.copyOf(Checks.notNull(closest, "closest"));
        Checks.check(!closest.isEmpty() && closest.size() <= MessageLimits.MAX_CONTACTS,
                "1..%s contacts, got %s", MessageLimits.MAX_CONTACTS, closest.size());
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
