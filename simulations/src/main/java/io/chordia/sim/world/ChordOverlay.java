package io.chordia.sim.world;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.chord.RingInvariants;
import io.chordia.routing.overlay.ChordOverlayFactory;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.util.ArrayList;
import io.chordia.core.net.Address;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** Chord nodes with successor-list replication. */
public final class ChordOverlay implements Overlay {
    private final ChordOverlayFactory factory;
    private final ChordConfig config;
    private final StorageConfig storage;

    public ChordOverlay(ChordOverlayFactory factory, ChordConfig config, StorageConfig storage) {
        this.factory = factory;
        this.config = config;
        this.storage = storage;
    }

    @Override
    public Peer create(Host host, NodeId id, RandomGenerator random, RandomGenerator storageRandom, boolean withStorage) {
        OverlayNode node = factory.newNode(new Contact(id, host.transport().localAddress()), host.transport(),
                host.scheduler(), random, config);
        ReplicatedStorage store = withStorage ? new ReplicatedStorage(node, new InMemoryRecordStore(), storage,
                factory.placement(node), storageRandom) : null;
        return new Peer(node, store, host);
    }

    @Override
    public List<CompletableFuture<Void>> installConverged(List<Peer> peers, RandomGenerator random) {
        List<Contact> ring = new ArrayList<>(peers.size());
        peers.forEach(p -> ring.add(p.node().self()));
        List<Contact> frozen = List.copyOf(ring);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Peer p : peers) {
            done.add(CompletableFuture.runAsync(() -> ((ChordNode) p.node()).installConvergedState(frozen, true),
                    p.host().scheduler()));
        }
        return done;
    }

    @Override
    public Peer responsible(Membership live, NodeId key) {
        return live.successorOf(key);
    }

    @Override
    public int invariantViolations(List<Peer> liveInIdOrder) {
        List<ChordNode> nodes = chordNodes(liveInIdOrder);
        return RingInvariants.violations(nodes).size();
    }

    @Override
    public int parts(Membership live, Predicate<Address> onSideA, Predicate<Address> onSideB) {
        List<ChordNode> nodes = chordNodes(live.inIdOrder());
        int rings = RingInvariants.rings(nodes);
        // One cycle is not yet one ring: an ordered cycle may still skip nodes that merely reach
        // it, and lookups need every node's successor to be the next node.
        return rings == 1 && RingInvariants.wrongSuccessors(nodes) > 0 ? 2 : rings;
    }

    @Override
    public boolean hasRing() {
        return true;
    }

    @Override
    public Integer rings(List<Peer> liveInIdOrder) {
        List<ChordNode> nodes = chordNodes(liveInIdOrder);
        return RingInvariants.rings(nodes);
    }

    private static List<ChordNode> chordNodes(List<Peer> peers) {
        List<ChordNode> nodes = new ArrayList<>(peers.size());
        peers.forEach(p -> nodes.add((ChordNode) p.node()));
        return nodes;
    }
}
