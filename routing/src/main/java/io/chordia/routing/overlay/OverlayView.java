package io.chordia.routing.overlay;

import io.chordia.core.net.Contact;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A read of one node's routing state, for status pages and for saving contacts. */
public interface OverlayView {
    /** What was read: a one-line summary, the leaf set, and every distinct contact, nearest first. */
    record Snapshot(String summary, List<Contact> leafSet, List<Contact> contacts) {
        public Snapshot {
            leafSet = List.copyOf(leafSet);
            contacts = List.copyOf(contacts);
        }
    }

    /** Reads on the node thread; safe from any thread, completes there. */
    CompletableFuture<Snapshot> snapshot();

    /** Contacts in the routing tables (Chord: successors and predecessors; Kademlia: the buckets). Node thread only. */
    int tableSize();
}
