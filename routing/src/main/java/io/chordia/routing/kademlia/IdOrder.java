package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;

/** Ordering contacts by XOR distance. */
public final class IdOrder {
    private IdOrder() {}

    /**
     * The {@code count} contacts of {@code contacts} closest to {@code target}, closest first, one
     * per id (the first seen wins).
     */
    public static List<Contact> closestDistinct(Collection<Contact> contacts, NodeId target, int count) {
        // A stable sort keeps the first seen of an id ahead of its repeats, which are adjacent
        // (same id, same distance): no tree of distances, no distance objects.
        Contact[] sorted = contacts.toArray(new Contact[0]);
        Arrays.sort(sorted, (a, b) -> target.compareXorDistances(a.id(), b.id()));
        List<Contact> out = new ArrayList<>(Math.min(count, sorted.length));
        for (int i = 0; i < sorted.length && out.size() < count; i++) {
            if (out.isEmpty() || !out.get(out.size() - 1).id().equals(sorted[i].id())) {
                out.add(sorted[i]);
            }
        }
        return out;
    }

    /**
     * The {@code count} contacts of {@code byId} (keyed by their ids) closest to {@code target},
     * closest first. The closest ids share the longest prefixes with the target, and ids sharing a
     * prefix are a contiguous range: the prefix widens until the range holds enough, and only that
     * range is sorted.
     */
    public static List<Contact> closestIn(NavigableMap<NodeId, Contact> byId, NodeId target, int count) {
        for (int prefix = NodeId.BITS; ; prefix--) {
            NavigableMap<NodeId, Contact> range = byId.subMap(target.withLowBits(prefix, false), true,
                    target.withLowBits(prefix, true), true);
            if (range.size() >= count || prefix == 0) {
                return closestDistinct(range.values(), target, count);
            }
        }
    }

    /**
     * Whether {@code sorted}, distinct contacts ordered closest to {@code target} first, holds
     * {@code id}: a binary search by distance, since distinct ids lie at distinct distances.
     */
    static boolean containsId(List<Contact> sorted, NodeId target, NodeId id) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = target.compareXorDistances(sorted.get(mid).id(), id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
