package io.chordia.routing;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.routing.lookup.LookupResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A peer of the overlay, Chord or Kademlia: what the command line, the simulations and the data
 * plane need from either. Implementations run on their node thread; methods may be called from
 * any thread and hop onto it, and futures complete on it.
 */
public interface OverlayNode {
    Contact self();

    /** The node's RPC endpoint, for services layered on the overlay (storage) to register handlers. */
    io.chordia.core.rpc.RpcEndpoint rpc();

    /**
     * Joins the overlay through whichever of {@code bootstrap} answers first; with an empty list,
     * starts a new overlay alone. Completes once the node counts as joined (for Chord: it holds
     * its successor's successor list), or fails if no bootstrap address answered.
     */
    CompletableFuture<Void> join(List<Address> bootstrap);

    /**
     * Finds the node responsible for {@code key} (Chord: its successor; Kademlia: the XOR-closest)
     * and the nodes after it (Chord: its successors; Kademlia: the k closest, all confirmed alive):
     * what storing, replica sets and the network-size estimate need.
     */
    CompletableFuture<LookupResult> lookup(NodeId key, LookupStyle style);

    /**
     * Finds the node responsible for {@code key}, ending as soon as that node is confirmed: what a
     * caller that wants the owner alone waits for (a lookup graded on its owner, a first read). The
     * result names the owner first; the nodes after it may fall short of {@link #lookup}'s. Chord's
     * lookup ends there anyway; Kademlia's full lookup also confirms the other k − 1 closest.
     */
    default CompletableFuture<LookupResult> lookupOwner(NodeId key, LookupStyle style) {
        return lookup(key, style);
    }

    /**
     * The nodes nearest this node's id, up to {@code perSide} on each side for Chord (successors
     * first, then predecessors) or the {@code 2·perSide} XOR-closest for Kademlia: the nodes
     * replication and lookup short-cuts use.
     */
    CompletableFuture<List<Contact>> leafSet(int perSide);

    /**
     * How many nodes the network holds, as this node's own successful lookups tell (see {@link
     * io.chordia.routing.replication.NetworkSizeEstimate#fromLookups}); 0 before any. Any thread.
     */
    default double networkSizeEstimate() {
        return 0;
    }

    /** How many of this node's lookups {@link #networkSizeEstimate} rests on. Any thread. */
    default int networkSizeLookups() {
        return 0;
    }

    /** Leaves gracefully: tells the neighbours, then stops. */
    CompletableFuture<Void> leave();

    /** Stops at once without telling anyone: what a crash looks like to the others. */
    void stop();
}
