package io.chordia.routing.overlay;

import io.chordia.core.net.Contact;
import java.util.List;

/**
 * The routing state laid out by role, for pictures of it: Chord's successors, predecessors and
 * distinct fingers (each nearest first), or Kademlia's contacts per bucket. The lists the other
 * protocol does not have are empty.
 *
 * @param bucketSizes contacts in bucket i (for b = 1, those sharing exactly i leading bits with
 *                    this node), up to the last bucket that holds any
 */
public record RoutingShape(List<Contact> successors, List<Contact> predecessors, List<Contact> fingers,
                           List<Integer> bucketSizes) {
    public static final RoutingShape NONE = new RoutingShape(List.of(), List.of(), List.of(), List.of());

    public RoutingShape {
        successors = List.copyOf(successors);
        predecessors = List.copyOf(predecessors);
        fingers = List.copyOf(fingers);
        bucketSizes = List.copyOf(bucketSizes);
    }

    public static RoutingShape chord(List<Contact> successors, List<Contact> predecessors, List<Contact> fingers) {
        return new RoutingShape(successors, predecessors, fingers, List.of());
    }

    public static RoutingShape kademlia(List<Integer> bucketSizes) {
        return new RoutingShape(List.of(), List.of(), List.of(), bucketSizes);
    }
}
