package io.chordia.routing.overlay;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.Request;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.replication.KademliaPlacement;
import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.ReplicaPlacement;
import java.util.random.RandomGenerator;

/** Kademlia: k-buckets by XOR distance, replicas on the k closest nodes to a key. */
public final class KademliaOverlayFactory implements OverlayFactory<KademliaConfig> {
    public static final KademliaOverlayFactory INSTANCE = new KademliaOverlayFactory();

    private KademliaOverlayFactory() {}

    @Override
    public KademliaConfig defaultConfig() {
        return KademliaConfig.defaults();
    }

    @Override
    public OverlayNode newNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random,
                               KademliaConfig config) {
        return new KademliaNode(self, transport, scheduler, random, config);
    }

    @Override
    public KademliaConfig bounded(KademliaConfig config, NodeBounds bounds) {
        return config.withK(bounds.contactsPerBucket())
                .withRpc(config.rpc().withMaxPendingCalls(bounds.maxPendingCalls()));
    }

    @Override
    public ReplicaPlacement placement(OverlayNode node) {
        return new KademliaPlacement(kademlia(node));
    }

    @Override
    public OverlayView view(OverlayNode node) {
        return new KademliaView(kademlia(node));
    }

    @Override
    public Request<?> probe(NodeId self) {
        return new FindNode(self, 1);
    }

    @Override
    public KeyDistance keyDistance() {
        return KeyDistance.XOR;
    }

    @Override
    public void refuseRecursiveLookups(OverlayNode node, String reason) {
        kademlia(node).rpc().register(RecursiveFindNode.class, (request, ctx) -> {
            throw new RequestRefusedException(ErrorCode.REFUSED, reason);
        });
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.kademlia(this);
    }

    private static KademliaNode kademlia(OverlayNode node) {
        if (node instanceof KademliaNode kademlia) {
            return kademlia;
        }
        throw new IllegalArgumentException("not a Kademlia node: " + node.getClass().getName());
    }
}
