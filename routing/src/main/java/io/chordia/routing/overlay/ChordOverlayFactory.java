package io.chordia.routing.overlay;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.Request;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.ReplicaPlacement;
import java.util.random.RandomGenerator;

/** Chord: a ring of successors, replicas on a key's successor and the nodes after it. */
public final class ChordOverlayFactory implements OverlayFactory<ChordConfig> {
    public static final ChordOverlayFactory INSTANCE = new ChordOverlayFactory();

    private ChordOverlayFactory() {}

    @Override
    public ChordConfig defaultConfig() {
        return ChordConfig.defaults();
    }

    @Override
    public OverlayNode newNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random,
                               ChordConfig config) {
        return new ChordNode(self, transport, scheduler, random, config);
    }

    /** Only maintenance calls are capped: Chord's lists are bounded by its config, and lookups are the asker's. */
    @Override
    public ChordConfig bounded(ChordConfig config, NodeBounds bounds) {
        return config.withMaintenanceRpc(config.maintenanceRpc().withMaxPendingCalls(bounds.maxPendingCalls()));
    }

    @Override
    public ReplicaPlacement placement(OverlayNode node) {
        return new ChordPlacement(chord(node));
    }

    @Override
    public OverlayView view(OverlayNode node) {
        return new ChordView(chord(node));
    }

    @Override
    public Request<?> probe(NodeId self) {
        return new GetNeighbors();
    }

    @Override
    public KeyDistance keyDistance() {
        return KeyDistance.CLOCKWISE;
    }

    @Override
    public void refuseRecursiveLookups(OverlayNode node, String reason) {
        chord(node).rpc().register(RouteLookup.class, (request, ctx) -> {
            throw new RequestRefusedException(ErrorCode.REFUSED, reason);
        });
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.chord(this);
    }

    private static ChordNode chord(OverlayNode node) {
        if (node instanceof ChordNode chord) {
            return chord;
        }
        throw new IllegalArgumentException("not a Chord node: " + node.getClass().getName());
    }
}
