package io.chordia.app.node;

import io.chordia.app.dashboard.TrafficHistory;
import io.chordia.core.net.Contact;
import io.chordia.routing.overlay.RoutingShape;
import java.util.List;

/**
 * What {@code chordia status} shows, as the control channel carries it.
 *
 * @param joinedVia       how the node got into the network at start: "new network", "bootstrap
 *                        host:port" or "saved contacts"
 * @param routing         one line summarizing the routing table
 * @param routingContacts distinct contacts in the routing table
 * @param leafSet         the nearest nodes ({@code shortId@host:port}), successors then predecessors for Chord
 * @param savedContacts   contacts in the data directory's contacts file, for a warm restart
 * @param guard           what the amplification guard did with addresses that have not answered us
 * @param shape           the routing table by role, for the dashboard's picture
 * @param lastHour        datagrams and bytes per minute, oldest first, the running minute last
 * @param networkSizeEstimate how many nodes the network holds, from the nearest nodes of this node's
 *                        last lookups (0 before any); {@code networkSizeLookups} says how many
 */
public record NodeStatus(String nodeId, String protocol, String address, long uptimeSeconds, String joinedVia,
                         String routing, int routingContacts, List<String> leafSet, int storedRecords,
                         long storedValueBytes, int savedContacts, Traffic traffic, Guard guard, Shape shape,
                         List<TrafficHistory.Minute> lastHour, double networkSizeEstimate, int networkSizeLookups) {
    /** A contact with its whole id, so a picture can place it on the ring. */
    public record Peer(String id, String address) {
        static List<Peer> of(List<Contact> contacts) {
            return contacts.stream().map(c -> new Peer(c.id().toHex(), c.address().toString())).toList();
        }
    }

    /** {@link RoutingShape} as the control channel carries it. */
    public record Shape(List<Peer> successors, List<Peer> predecessors, List<Peer> fingers, List<Integer> bucketSizes) {
        static Shape of(RoutingShape s) {
            return new Shape(Peer.of(s.successors()), Peer.of(s.predecessors()), Peer.of(s.fingers()), s.bucketSizes());
        }
    }

    /** Counters since start. */
    public record Traffic(long datagramsSent, long datagramsReceived, long bytesSent, long bytesReceived,
                          long datagramsDropped, long rpcCalls, long rpcTimeouts, long requestsServed,
                          long putsOk, long putsFailed, long getsFound, long getsNotFound, long getsFailed,
                          long repairStores) {}

    /**
     * The guard's counters since start, and its tables now.
     *
     * @param verifiedPeers addresses that answered a request of ours
     * @param probesSent    pings sent to verify addresses that sent us requests
     * @param repliesHeld   replies held until their address answered (each counted once)
     * @param requestsHeld  our own requests over an unverified address's budget, held likewise
     * @param heldNow       replies and requests held now
     * @param repliesRefused replies not sent: no budget, or they answered nothing we saw
     * @param budgets       unverified addresses with a byte budget now
     */
    public record Guard(int verifiedPeers, long probesSent, long repliesHeld, long requestsHeld, int heldNow,
                        long repliesRefused, int budgets) {}
}
