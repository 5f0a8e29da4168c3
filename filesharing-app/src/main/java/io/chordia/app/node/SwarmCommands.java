package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlRegistry;
import io.chordia.core.id.NodeId;
import io.chordia.routing.kademlia.SwarmClient;
import io.chordia.routing.overlay.BitTorrentServices;
import java.util.List;

/**
 * The daemon's BitTorrent verbs, {@code announce} and {@code peers} (BEP 5), served by a node that
 * runs {@code --protocol mainline}. Chord and plain Kademlia nodes keep no swarms and their peers
 * answer no {@code get_peers}, so there these verbs are refused with one line naming the protocol.
 */
public final class SwarmCommands {
    private SwarmCommands() {}

    public record AnnounceRequest(String infoHash, int port) {}

    /**
     * @param asked      the nodes sent {@code announce_peer}
     * @param accepted   those that acknowledged it
     * @param storedHere whether this node, being among the closest, holds the announcement itself
     */
    public record AnnounceReply(String infoHash, int port, String status, List<String> asked, List<String> accepted,
                                boolean storedHere) {}

    public record PeersRequest(String infoHash) {}

    /** @param peers {@code ip:port} of each peer found */
    public record PeersReply(String infoHash, String status, List<String> peers, int responders, int messages) {}

    static void registerAll(ControlRegistry registry, PeerDaemon daemon) {
        registry.register(NodeCommands.command("announce", AnnounceRequest.class, (q, p) -> announce(daemon.joined(), q)));
        registry.register(NodeCommands.command("peers", PeersRequest.class, (q, p) -> peers(daemon.joined(), q)));
    }

    static AnnounceReply announce(PeerDaemon daemon, AnnounceRequest q) throws Exception {
        NodeId infoHash = NodeCommands.idOf(q.infoHash());
        if (q.port() < 1 || q.port() > 65535) {
            throw new UserFacingException("port " + q.port() + " is not a port", "give --port between 1 and 65535");
        }
        SwarmClient.Announced a = NodeCommands.awaitNetwork(client(daemon, "announce").announce(infoHash, q.port()),
                NodeCommands.TIMEOUT);
        return new AnnounceReply(infoHash.toHex(), a.port(), a.status().name(),
                a.asked().stream().map(PeerDaemon::describe).toList(),
                a.accepted().stream().map(PeerDaemon::describe).toList(), a.storedHere());
    }

    static PeersReply peers(PeerDaemon daemon, PeersRequest q) throws Exception {
        NodeId infoHash = NodeCommands.idOf(q.infoHash());
        SwarmClient.Found f = NodeCommands.awaitNetwork(client(daemon, "peers").getPeers(infoHash), NodeCommands.TIMEOUT);
        return new PeersReply(infoHash.toHex(), f.status().name(), f.peers().stream().map(Object::toString).toList(),
                f.responders(), f.messages());
    }

    private static SwarmClient client(PeerDaemon daemon, String verb) {
        return BitTorrentServices.swarm(daemon.node()).orElseThrow(() -> new UserFacingException("'" + verb
                + "' needs a node of BitTorrent's DHT; this node runs --protocol " + daemon.settings().protocol().label(),
                "start the node with --protocol mainline"));
    }
}
