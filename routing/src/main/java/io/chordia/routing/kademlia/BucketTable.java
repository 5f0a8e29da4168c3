package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * What {@link BucketInvariants} reads of a routing table. {@link RoutingTable} is one, and keeps
 * the invariants by construction; a test feeds the checker tables that break them (a contact in
 * the wrong bucket, an overfull bucket, a duplicate) to show each is reported.
 */
public interface BucketTable {
    NodeId self();

    int k();

    int maxPerSubnet();

    int replacementCacheSize();

    /** Number of bucket slots, valid or not; see {@link #slotExists}. */
    int bucketSlots();

    boolean slotExists(int index);

    /** The slot a contact with {@code id} belongs in. */
    int bucketIndex(NodeId id);

    List<Contact> bucket(int index);

    List<Contact> replacements(int index);

    /** Contacts in all buckets, as the table counts them. */
    int size();
}
