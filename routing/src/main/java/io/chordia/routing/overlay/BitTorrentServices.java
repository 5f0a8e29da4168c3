package io.chordia.routing.overlay;

import io.chordia.routing.OverlayNode;
import io.chordia.routing.kademlia.ItemLookups;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.kademlia.SwarmClient;
import java.util.Optional;

/**
 * The BitTorrent DHT services a node offers when its protocol has them: BEP 5 swarms
 * (get_peers/announce_peer) and BEP 44 items. Which protocols carry them is known here, beside the
 * factories, so the daemon's commands ask for a service rather than for a node class.
 */
public final class BitTorrentServices {
    private BitTorrentServices() {}

    /** The node's get_peers/announce_peer client, if it serves BitTorrent swarms. */
    public static Optional<SwarmClient> swarm(OverlayNode node) {
        return node instanceof KademliaNode kademlia ? kademlia.swarm() : Optional.empty();
    }

    /** The node's BEP 44 item lookups, if it stores items. */
    public static Optional<ItemLookups> items(OverlayNode node) {
        return node instanceof KademliaNode kademlia ? kademlia.itemLookups() : Optional.empty();
    }
}
