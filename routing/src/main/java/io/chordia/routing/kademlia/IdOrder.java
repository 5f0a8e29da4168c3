package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** Ordering contacts by XOR distance. */
public final class IdOrder {
    private IdOrder() {}

    /**
     * The {@code count} contacts of {@code contacts} closest to {@code target}, closest first, one
     * per id (the first seen wins).
     */
    public static List<Contact> closestDistinct(Collection<Contact> contacts, NodeId target, int count) {
        TreeMap<NodeId, Contact> byDistance = new TreeMap<>();
        for (Contact c : contacts) {
            byDistance.putIfAbsent(c.id().xor(target), c);
        }
        List<Contact> out = new ArrayList<>(Math.min(count, byDistance.size()));
        for (Contact c : byDistance.values()) {
            if (out.size() == count) {
                break;
            }
            out.add(c);
        }
        return out;
    }
}
