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
    /**
     * The members' ids as words beside their contacts, live ones first: a lookup hop reads whole
     * buckets, and chasing each entry and then its id object was most of that hop's time (two
     * cache misses per member at 1,000 nodes). Rebuilt after {@link #changed}; the order of
     * {@link #entries} does not matter to a selection, so being seen again does not rebuild it.
     */
    private long[] hiWords = new long[0];
    private long[] midWords = new long[0];
    private int[] loWords = new int[0];
    private Contact[] members = new Contact[0];
    private int memberCount;
    private int liveCount;
    private boolean current;

    /** A member joined or left, or went stale or fresh again. */
    void changed() {
        current = false;
    }

    /**
     * Offers the members (only those short of {@code staleAfterFailures} failures when
     * {@code skipStale}) to {@code selection}.
     */
    void offerMembers(NearestSelection selection, boolean skipStale, int staleAfterFailures) {
        if (!current) {
            rebuild(staleAfterFailures);
        }
        int n = skipStale ? liveCount : memberCount;
        for (int i = 0; i < n; i++) {
            selection.offer(members[i], hiWords[i], midWords[i], loWords[i]);
        }
    }

    /**
     * Whether a member has {@code staleAfterFailures} failures or more: asked for most unknown
     * senders of a full bucket, where reading every entry cost a cache miss each.
     */
    boolean hasStale(int staleAfterFailures) {
        if (!current) {
            rebuild(staleAfterFailures);
        }
        return liveCount < memberCount;
    }

    private void rebuild(int staleAfterFailures) {
        int n = entries.size();
        if (members.length < n) {
            int capacity = Math.max(n, 2 * members.length);
            hiWords = new long[capacity];
            midWords = new long[capacity];
            loWords = new int[capacity];
            members = new Contact[capacity];
        }
        java.util.Arrays.fill(members, null);
        int live = 0;
        for (Entry e : entries) {
            if (e.failures < staleAfterFailures) {
                put(live++, e);
            }
        }
        int at = live;
        for (Entry e : entries) {
            if (e.failures >= staleAfterFailures) {
                put(at++, e);
            }
        }
        memberCount = n;
        liveCount = live;
        current = true;
    }

    private void put(int i, Entry e) {
        hiWords[i] = e.id.hiBits();
        midWords[i] = e.id.midBits();
        loWords[i] = e.id.loBits();
        members[i] = e.contact;
    }

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
