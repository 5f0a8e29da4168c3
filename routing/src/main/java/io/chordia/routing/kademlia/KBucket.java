package io.chordia.routing.kademlia;

import io.chordia.core.net.Contact;
import io.chordia.core.id.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * One k-bucket: up to k contacts, least recently seen first, and a cache of verified contacts
 * that arrived while the bucket was full, most recently seen last. Owned by {@link RoutingTable}.
 */
final class KBucket {
    /** A contact in a bucket and what we know of its health. */
    static final class Entry {
        final Contact contact;
        /** The contact's id, one pointer nearer: a lookup hop compares the ids of whole buckets. */
        final NodeId id;
        /** {@link Subnets#of} of the address, or {@code null} when exempt. */
        final String subnet;
        long lastSeenNanos;
        int failures;

        Entry(Contact contact, long lastSeenNanos) {
            this.contact = contact;
            this.id = contact.id();
            this.subnet = Subnets.of(contact.address());
            this.lastSeenNanos = lastSeenNanos;
        }
    }

    final int index;
    final List<Entry> entries = new ArrayList<>();
    final List<Entry> replacements = new ArrayList<>();
    /** A ping of the least recently seen entry is in flight: do not start another. */
    boolean probing;

    KBucket(int index) {
        this.index = index;
    }

    static int countInSubnet(List<Entry> list, String subnet) {
        int n = 0;
        for (Entry e : list) {
            if (subnet.equals(e.subnet)) {
                n++;
            }
        }
        return n;
    }

    static Entry find(List<Entry> list, NodeId id) {
        for (Entry e : list) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        return null;
    }

    Entry firstStale(int staleAfterFailures) {
        for (Entry e : entries) {
            if (e.failures >= staleAfterFailures) {
                return e;
            }
        }
        return null;
    }

    void moveToTail(Entry e) {
        if (entries.get(entries.size() - 1) != e) {
            entries.remove(e);
            entries.add(e);
        }
    }
}
