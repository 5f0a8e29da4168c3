package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells, look after look, whether a node of this node's replica neighbourhood has gone from its
 * view: a replica of some of its records has then most likely departed, and a record a replica
 * short must not wait for the next repair round. A node that is only pushed out of the
 * neighbourhood by a newcomer is still in the wider view, and is no departure.
 *
 * <p>Node-thread confined.
 */
final class DepartureWatch {
    private Set<NodeId> near = Set.of();

    /**
     * Whether a node of the last look's near view is missing from this look's wide one ({@code
     * nowWide}, a superset of {@code nowNear}, asked only when somebody left the near view: most
     * looks find the same neighbours, and the wide view costs a longer walk of the table);
     * remembers this look's near view for the next.
     */
    boolean departed(List<Contact> nowNear, Supplier<List<Contact>> nowWide) {
        Set<NodeId> before = near;
        near = ids(nowNear);
        return !near.containsAll(before) && !ids(nowWide.get()).containsAll(before);
    }

    private static Set<NodeId> ids(List<Contact> contacts) {
        Set<NodeId> ids = new HashSet<>();
        contacts.forEach(c -> ids.add(c.id()));
        return ids;
    }
}
