package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
     * Whether a node of the last look's {@code near} view is missing from this look's {@code wide}
     * one; remembers this look's near view for the next.
     */
    boolean departed(List<Contact> nowNear, List<Contact> nowWide) {
        Set<NodeId> wide = new HashSet<>();
        nowWide.forEach(c -> wide.add(c.id()));
        boolean departed = !wide.containsAll(near);
        Set<NodeId> next = new HashSet<>();
        nowNear.forEach(c -> next.add(c.id()));
        near = next;
        return departed;
    }
}
