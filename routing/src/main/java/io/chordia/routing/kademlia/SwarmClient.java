package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import io.chordia.routing.lookup.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * BEP 5's client half on a {@link KademliaNode} that serves swarms: {@link #getPeers} walks
 * towards an infohash with {@code get_peers} and gathers the peers the nodes on the way hold;
 * {@link #announce} does that walk, then sends {@code announce_peer} with each node's own token to
 * the k closest that gave one ({@link StoreTargets} chooses them), and stores the announcement
 * here too when this node is among the k closest. Public methods may be called from any thread;
 * the work runs on the node thread.
 */
public final class SwarmClient {
    private final KademliaNode node;
    private final SwarmStore store;

    /** The peers a {@code get_peers} lookup found, and how the lookup went. */
    public record Found(NodeId infoHash, LookupResult.Status status, List<Address> peers, int responders, int messages) {
        public Found {
            peers = List.copyOf(peers);
        }
    }

    /**
     * How an announce went.
     *
     * @param asked      the nodes sent {@code announce_peer}, closest first
     * @param accepted   those that acknowledged it
     * @param storedHere whether this node, being among the k closest, holds the announcement too
     */
    public record Announced(NodeId infoHash, int port, LookupResult.Status status, List<Contact> asked,
                            List<Contact> accepted, boolean storedHere) {
        public Announced {
            asked = List.copyOf(asked);
            accepted = List.copyOf(accepted);
        }
    }

    SwarmClient(KademliaNode node, SwarmStore store) {
        this.node = node;
        this.store = store;
    }

    public CompletableFuture<Found> getPeers(NodeId infoHash) {
        Checks.notNull(infoHash, "infoHash");
        return node.onNode(() -> walk(infoHash).thenApply(w -> new Found(infoHash, w.result.status(),
                w.query.peers(), w.result.path().size(), w.result.messages())));
    }

    public CompletableFuture<Announced> announce(NodeId infoHash, int port) {
        Checks.notNull(infoHash, "infoHash");
        Checks.inRange(port, 1, 65535, "port");
        return node.onNode(() -> walk(infoHash).thenCompose(w -> announceTo(infoHash, port, w)));
    }

    private record Walk(LookupResult result, SwarmLookup query) {}

    private CompletableFuture<Walk> walk(NodeId infoHash) {
        SwarmLookup query = new SwarmLookup(infoHash);
        return node.lookupWith(infoHash, query).thenApply(result -> {
            query.addOwn(store.peers(infoHash, SwarmLookup.MAX_PEERS, now()));
            return new Walk(result, query);
        });
    }

    private CompletableFuture<Announced> announceTo(NodeId infoHash, int port, Walk walk) {
        int k = node.config().k();
        boolean storedHere = walk.result.closest().contains(node.self());
        if (storedHere) {
            store.announce(infoHash, new Address(node.rpc().self().address().host(), port), now());
        }
        List<SwarmLookup.TokenHolder> targets = StoreTargets.choose(walk.query.tokenHolders(),
                holder -> holder.contact(), k);
        List<Contact> asked = new ArrayList<>(targets.size());
        List<CompletableFuture<Contact>> acks = new ArrayList<>(targets.size());
        for (SwarmLookup.TokenHolder target : targets) {
            asked.add(target.contact());
            acks.add(node.rpc().call(target.contact(), new AnnouncePeer(infoHash, port, false, target.token()))
                    .handle((ack, failure) -> failure == null ? target.contact() : null));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Contact> accepted = new ArrayList<>(acks.size());
            for (CompletableFuture<Contact> ack : acks) {
                Contact c = ack.join();
                if (c != null) {
                    accepted.add(c);
                }
            }
            return new Announced(infoHash, port, walk.result.status(), asked, accepted, storedHere);
        });
    }

    private long now() {
        return node.rpc().scheduler().clock().nanoTime();
    }
}
