package io.chordia.routing.kademlia;

import io.chordia.core.net.Contact;
import io.chordia.core.util.Bytes;
import java.util.List;

/**
 * What a BEP 44 get found: the newest item that verified (null when none did), and the nodes
 * closest to the target that answered, each with the write token it gave, for a put that follows.
 *
 * @param item     the item's value, key, seq and signature; for a mutable item the highest valid seq
 * @param holders  the closest nodes that answered, closest first, with their tokens (this node's own token is empty)
 * @param asked    nodes asked for the item
 * @param rejected answers whose value did not verify against the query (wrong hash, key or signature)
 */
public record ItemGetResult(ItemQuery query, ItemStore.StoredItem item, List<Holder> holders, int asked, int rejected) {
    /** A node that answered a get, and the token it gave for a put. */
    public record Holder(Contact contact, Bytes token) {}

    public ItemGetResult {
        holders = List.copyOf(holders);
    }

    public boolean found() {
        return item != null;
    }
}
