package io.chordia.routing.overlay;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Request;
import io.chordia.core.net.Contact;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.ReplicaPlacement;
import java.util.random.RandomGenerator;

/**
 * One overlay protocol, as the composition roots need it: a node, its replica placement, its
 * status view and the request that tells whether a peer speaks it. Each {@link
 * io.chordia.routing.Protocol} holds its factory, so a new protocol is one constant there and one
 * implementation here; code that must know each protocol by type (the simulator's oracles) goes
 * through the {@link Visitor}, and the compiler then lists what a new protocol still lacks.
 *
 * @param <C> the protocol's configuration record
 */
public sealed interface OverlayFactory<C> permits ChordOverlayFactory, KademliaOverlayFactory {
    /** The library defaults of this protocol. */
    C defaultConfig();

    /** A node that has not joined yet; called on the node thread when the transport already receives. */
    OverlayNode newNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random, C config);

    /** {@link #newNode} with the {@link #defaultConfig()}. */
    default OverlayNode newNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random) {
        return newNode(self, transport, scheduler, random, defaultConfig());
    }

    /** {@link #newNode} with the defaults narrowed to {@code bounds}: a public node's tables and calls are capped. */
    default OverlayNode newNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random,
                                NodeBounds bounds) {
        return newNode(self, transport, scheduler, random, bounded(defaultConfig(), bounds));
    }

    /** {@code config} with its tables and pending calls capped as {@code bounds} says. */
    C bounded(C config, NodeBounds bounds);

    /**
     * Where replicas of a key live, as {@code node} (built by this factory) sees it.
     *
     * @throws IllegalArgumentException if {@code node} is another protocol's
     */
    ReplicaPlacement placement(OverlayNode node);

    /**
     * A read of {@code node}'s routing state for status pages and saved contacts.
     *
     * @throws IllegalArgumentException if {@code node} is another protocol's
     */
    OverlayView view(OverlayNode node);

    /** The cheapest request that only this protocol's nodes serve, sent by a node with id {@code self}. */
    Request<?> probe(NodeId self);

    /** How this protocol's lookups rank nodes against a key. */
    KeyDistance keyDistance();

    /**
     * Makes {@code node} refuse to route recursive lookups for others, with {@code reason}: a public
     * node answers iterative lookups only, so it is never asked to forward traffic. Node thread.
     */
    void refuseRecursiveLookups(OverlayNode node, String reason);

    <R> R accept(Visitor<R> visitor);

    /** One method per protocol: adding a protocol breaks every visitor until it handles the new one. */
    interface Visitor<R> {
        R chord(ChordOverlayFactory chord);

        R kademlia(KademliaOverlayFactory kademlia);
    }
}
