package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * Where a BEP 44 put landed.
 *
 * @param stored  the nodes that acknowledged it
 * @param refused the nodes that answered an error, as "contact: code detail"
 * @param failed  the nodes that did not answer
 */
public record ItemPutResult(NodeId target, long seq, List<Contact> stored, List<String> refused, List<Contact> failed) {
    public ItemPutResult {
        stored = List.copyOf(stored);
        refused = List.copyOf(refused);
        failed = List.copyOf(failed);
    }
}
