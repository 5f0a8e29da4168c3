package io.chordia.core.message;

import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * The answer to {@link GetPeers}: a write token for the asker's address, to present with an
 * {@link AnnouncePeer}, the swarm's peers the responder holds, and contacts closer to the hash.
 *
 * @param values peers' addresses (BitTorrent peers, not DHT nodes), possibly none
 * @param nodes  the responder's closest contacts to the hash, possibly none
 */
public record Peers(Bytes token, List<Address> values, List<Contact> nodes) implements Response {
    public Peers {
        Checks.notNull(token, "token");
        Checks.check(token.length() <= StoreRecord.MAX_TOKEN_BYTES, "a token is at most %s bytes", StoreRecord.MAX_TOKEN_BYTES);
        values = List.copyOf(Checks.notNull(values, "values"));
        Checks.check(values.size() <= MessageLimits.MAX_PEERS, "at most %s peers, got %s", MessageLimits.MAX_PEERS, values.size());
        nodes = List.copyOf(Checks.notNull(nodes, "nodes"));
        Checks.check(nodes.size() <= MessageLimits.MAX_CONTACTS, "at most %s contacts, got %s",
                MessageLimits.MAX_CONTACTS, nodes.size());
    }
}
