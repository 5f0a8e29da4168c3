package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * The end of a recursive lookup, sent by the last hop straight to the origin, which acknowledges.
 *
 * @param owners the key's successor first, then its successors (never empty)
 * @param hops   hops the query took
 * @param path   the nodes that forwarded it, at most {@link RouteLookup#MAX_PATH}
 */
public record LookupDone(long lookupId, NodeId key, List<Contact> owners, int hops, List<Contact> path)
        implements Request<Ack> {
    public LookupDone {
        Checks.notNull(key, "key");
        owners = List.copyOf(Checks.notNull(owners, "owners"));
        Checks.check(!owners.isEmpty() && owners.size() <= NextHop.MAX_NODES, "1..%s owners, got %s",
                NextHop.MAX_NODES, owners.size());
        Checks.inRange(hops, 0, RouteLookup.MAX_HOPS, "hops");
        path = List.copyOf(Checks.notNull(path, "path"));
        Checks.check(path.size() <= RouteLookup.MAX_PATH, "a path of at most %s nodes, got %s",
                RouteLookup.MAX_PATH, path.size());
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
