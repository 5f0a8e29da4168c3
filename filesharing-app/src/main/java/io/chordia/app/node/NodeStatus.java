package io.chordia.app.node;

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
 */
public record NodeStatus(String nodeId, String protocol, String address, long uptimeSeconds, String joinedVia,
                         String routing, int routingContacts, List<String> leafSet, int storedRecords,
                         long storedValueBytes, int savedContacts, Traffic traffic, Guard guard) {
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
