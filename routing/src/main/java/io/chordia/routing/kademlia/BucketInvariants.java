package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties every routing table and leaf set keeps, checked by the simulation tests after
 * their steps: each contact sits in the bucket its id belongs to, buckets hold at most k contacts
 * and at most the allowed share of one subnet, no id or address appears twice, our own id never
 * appears, replacement caches are bounded and disjoint from their buckets, and the leaf set is
 * bounded, free of our own id and no farther than needed (every bucket contact closer to us than
 * the farthest leaf is a leaf, when the set is full).
 */
public final class BucketInvariants {
    private BucketInvariants() {}

    /** The violations in {@code node}'s table and leaf set; empty when all hold. Node thread only. */
    public static List<String> violations(KademliaNode node) {
        List<String> out = violations(node.routingTable());
        out.addAll(violations(node.leafSetView(), node.routingTable()));
        return out;
    }

    /** Throws {@link AssertionError} listing the violations of {@code node}, if any. */
    public static void check(KademliaNode node) {
        List<String> v = violations(node);
        if (!v.isEmpty()) {
            throw new AssertionError("bucket invariants of " + node.self() + " violated: " + v);
        }
    }

    public static List<String> violations(BucketTable table) {
        List<String> out = new ArrayList<>();
        Set<NodeId> ids = new HashSet<>();
        Set<Address> addresses = new HashSet<>();
        int total = 0;
        for (int i = 0; i < table.bucketSlots(); i++) {
            List<Contact> bucket = table.bucket(i);
            List<Contact> cache = table.replacements(i);
            if (!bucket.isEmpty() && !table.slotExists(i)) {
                out.add("bucket " + i + " is not a valid slot but holds " + bucket.size());
            }
            if (bucket.size() > table.k()) {
                out.add("bucket " + i + " holds " + bucket.size() + " > k=" + table.k());
            }
            if (cache.size() > table.replacementCacheSize()) {
                out.add("replacement cache " + i + " holds " + cache.size() + " > " + table.replacementCacheSize());
            }
            Map<String, Integer> perSubnet = new HashMap<>();
            Set<NodeId> inBucket = new HashSet<>();
            for (Contact c : bucket) {
                total++;
                if (c.id().equals(table.self())) {
                    out.add("bucket " + i + " holds our own id");
                    continue;
                }
                if (table.bucketIndex(c.id()) != i) {
                    out.add(c + " is in bucket " + i + " but belongs in " + table.bucketIndex(c.id()));
                }
                if (!ids.add(c.id())) {
                    out.add("id " + c.id().shortId() + " appears twice");
                }
                if (!addresses.add(c.address())) {
                    out.add("address " + c.address() + " appears twice");
                }
                inBucket.add(c.id());
                String subnet = Subnets.of(c.address());
                if (subnet != null && perSubnet.merge(subnet, 1, Integer::sum) > table.maxPerSubnet()) {
                    out.add("bucket " + i + " holds more than " + table.maxPerSubnet() + " contacts of " + subnet);
                }
            }
            for (Contact c : cache) {
                if (inBucket.contains(c.id())) {
                    out.add("replacement " + c + " of bucket " + i + " is also in the bucket");
                }
                if (table.bucketIndex(c.id()) != i) {
                    out.add("replacement " + c + " is cached for bucket " + i + " but belongs in " + table.bucketIndex(c.id()));
                }
            }
        }
        if (total != table.size()) {
            out.add("size() says " + table.size() + " but the buckets hold " + total);
        }
        return out;
    }

    public static List<String> violations(LeafSet leaves, RoutingTable table) {
        List<String> out = new ArrayList<>();
        List<Contact> contacts = leaves.contacts();
        if (contacts.size() > leaves.capacity()) {
            out.add("leaf set holds " + contacts.size() + " > " + leaves.capacity());
        }
        Set<NodeId> ids = new HashSet<>();
        NodeId previous = null;
        for (Contact c : contacts) {
            if (c.id().equals(leaves.self())) {
                out.add("leaf set holds our own id");
            }
            if (!ids.add(c.id())) {
                out.add("leaf " + c.id().shortId() + " appears twice");
            }
            NodeId d = c.id().xor(leaves.self());
            if (previous != null && d.compareTo(previous) <= 0) {
                out.add("leaf set is not ordered by distance at " + c);
            }
            previous = d;
        }
        if (contacts.size() == leaves.capacity() && previous != null) {
            for (Contact c : table.contacts()) {
                if (c.id().xor(leaves.self()).compareTo(previous) < 0 && !ids.contains(c.id())
                        && !table.isStale(c.id())) {
                    out.add("live bucket contact " + c + " is closer to us than the farthest leaf but not a leaf");
                }
            }
        }
        return out;
    }
}
