package io.chordia.routing.chord;

import io.chordia.core.net.Contact;
import java.util.List;

/**
 * What {@link RingInvariants} reads of a node: who it is and whom it points at. {@link ChordNode}
 * is one; a test builds broken rings from plain records, which a live node's own state (kept in
 * order by {@code ChordState}) could never become, to show the checker reports them.
 */
public interface RingMember {
    Contact self();

    /** The successor list, nearest first. */
    List<Contact> successors();

    /** The predecessor, or {@code null}. */
    Contact predecessor();

    /** The successor list's configured length r. */
    int successorListLength();
}
