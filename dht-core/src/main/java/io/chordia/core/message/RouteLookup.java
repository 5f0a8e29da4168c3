package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * A recursive lookup hop: the receiver acknowledges at once, then either answers {@code origin}
 * with a {@link LookupDone} or forwards the query closer to {@code key}.
 *
 * @param lookupId the origin's id for this lookup
 * @param origin   where the answer goes, straight from the last hop
 * @param hops     hops taken so far (the path may be truncated; the count is not)
 * @param path     the nodes that forwarded so far, at most {@link #MAX_PATH}
 */
public record RouteLookup(NodeId key, long lookupId, Contact origin, int hops, List<Contact> path)
        implements Request<Ack> {
    public static final int MAX_PATH = 16;
    public static final int MAX_HOPS = 255;

    public RouteLookup {
        Checks.notNull(key, "key");
        Checks.notNull(origin, "origin");
        Checks.inRange(hops, 0, MAX_HOPS, "hops");
        path = List.copyOf(Checks.notNull(path, "path"));
        Checks.check(path.size() <= MAX_PATH, "a path of at most %s nodes, got %s", MAX_PATH, path.size());
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
