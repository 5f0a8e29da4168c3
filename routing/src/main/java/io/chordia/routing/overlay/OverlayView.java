package io.chordia.routing.overlay;

import io.chordia.core.net.Contact;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A read of one node's routing state, for status pages and for saving contacts. */
public interface OverlayView {
    /**
     * What was read: a one-line summary, the leaf set, every distinct contact (nearest first), and
     * the same state laid out by role for pictures of it.
     */
    record Snapshot(String summary, List<Contact> leafSet, List<Contact> contacts, RoutingShape shape) {
        public Snapshot {
            leafSet = List.copyOf(leafSet);
            contacts = List.copyOf(contacts);
            shape = shape == null ? RoutingShape.NONE : shape;
        }

        public Snapshot(String summary, List<Contact> leafSet, List<Contact> contacts) {
            this(summary, leafSet, contacts, RoutingShape.NONE);
        }
    }

    /** Reads on the node thread; safe from any thread, completes there. */
    CompletableFuture<Snapshot> snapshot();

    /** Contacts in the routing tables (Chord: successors and predecessors; Kademlia: the buckets). Node thread only. */
    int tableSize();
}
