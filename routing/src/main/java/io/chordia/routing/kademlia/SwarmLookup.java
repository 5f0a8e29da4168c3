package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Request;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * BEP 5's {@code get_peers} traversal as an {@link IterativeLookup} query: the same lookup as a
 * node lookup, asking {@code get_peers} instead of {@code find_node}, and keeping from each answer
 * the peers it lists and the write token it gives. One instance is one lookup, on the node thread.
 */
final class SwarmLookup implements IterativeLookup.Query<Peers> {
    /** More peers than one swarm's store holds on 8 nodes: a bound against answers that invent them. */
    static final int MAX_PEERS = 1_000;

    private final Set<Address> peers = new LinkedHashSet<>();
    /** Responders that gave a token, by XOR distance to the infohash: closest first. */
    private final TreeMap<NodeId, TokenHolder> tokens = new TreeMap<>();
    private final NodeId infoHash;

    /** A node that answered {@code get_peers} and the token it gave us for an {@code announce_peer}. */
    record TokenHolder(Contact contact, Bytes token) {}

    SwarmLookup(NodeId infoHash) {
        this.infoHash = infoHash;
    }

    @Override
    public Request<Peers> request(NodeId target, int k) {
        return new GetPeers(target);
    }

    @Override
    public List<Contact> contacts(Peers reply) {
        return reply.nodes();
    }

    @Override
    public void answered(Contact from, Peers reply) {
        for (Address peer : reply.values()) {
            if (peers.size() >= MAX_PEERS) {
                break;
            }
            peers.add(peer);
        }
        if (reply.token().length() > 0) {
            tokens.put(from.id().xor(infoHash), new TokenHolder(from, reply.token()));
        }
    }

    /** Adds peers this node holds itself, which no answer can bring. */
    void addOwn(List<Address> own) {
        for (Address peer : own) {
            if (peers.size() < MAX_PEERS) {
                peers.add(peer);
            }
        }
    }

    List<Address> peers() {
        return List.copyOf(peers);
    }

    /** Every responder with a token, closest to the infohash first. */
    List<TokenHolder> tokenHolders() {
        return new ArrayList<>(tokens.values());
    }
}
