package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.List;

/** Answers about a global view of the ring, a list of contacts sorted by id: for checks, tests and experiments. */
public final class SortedRing {
    private SortedRing() {}

    /** The index of the first node at or after {@code key}, wrapping to 0: the key's successor. */
    public static int successorIndex(List<Contact> ringInOrder, NodeId key) {
        int lo = 0;
        int hi = ringInOrder.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ringInOrder.get(mid).id().compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == ringInOrder.size() ? 0 : lo;
    }

    /** The node responsible for {@code key} in Chord: its successor. */
    public static Contact successorOf(List<Contact> ringInOrder, NodeId key) {
        return ringInOrder.get(successorIndex(ringInOrder, key));
    }
}
