package io.chordia.sim.world;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.overlay.KademliaOverlayFactory;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.util.ArrayList;
import io.chordia.core.net.Address;
import io.chordia.routing.kademlia.RoutingTable;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** Kademlia nodes; storage finds replicas by lookup (no local placement knowledge). */
public final class KademliaOverlay implements Overlay {
    private final KademliaOverlayFactory factory;
    private final KademliaConfig config;
    private final StorageConfig storage;

    public KademliaOverlay(KademliaOverlayFactory factory, KademliaConfig config, StorageConfig storage) {
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
        NodeId[] sorted = new NodeId[peers.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = peers.get(i).node().self().id();
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            List<Contact> contacts = ConvergedBuckets.contactsFor(i, sorted, peers, config.k(), config.leafSetSize(), random);
            KademliaNode node = (KademliaNode) peers.get(i).node();
            done.add(CompletableFuture.runAsync(() -> node.installContacts(contacts), peers.get(i).host().scheduler()));
        }
        return done;
    }

    @Override
    public Integer bucketSize() {
        return config.k();
    }

    @Override
    public Peer responsible(Membership live, NodeId key) {
        return live.xorClosest(key);
    }

    @Override
    public int invariantViolations(List<Peer> liveInIdOrder) {
        return 0;
    }

    /**
     * 1 once every live node that was on a side and whose XOR-nearest live neighbour was on the
     * other side has that neighbour among its verified contacts: the leaf sets, and with them the
     * replica sets, span the former sides again. Knowing just any node of the other side is not enough (stale
     * contacts of the other side linger in far buckets all through a partition).
     */
    @Override
    public int parts(Membership live, Predicate<Address> onSideA, Predicate<Address> onSideB) {
        for (Peer p : live.inIdOrder()) {
            Address self = p.node().self().address();
            Predicate<Address> otherSide = onSideA.test(self) ? onSideB : onSideB.test(self) ? onSideA : null;
            if (otherSide == null) {
                continue;
            }
            Peer nearest = live.xorNearestOther(p.node().self().id());
            // Only pairs across the former sides: a same-side gap is churn's doing, not the partition's.
            if (nearest != null && otherSide.test(nearest.node().self().address())
                    && !knows((KademliaNode) p.node(), nearest.node().self())) {
                return 2;
            }
        }
        return 1;
    }

    private static boolean knows(KademliaNode node, Contact c) {
        RoutingTable table = node.routingTable();
        if (table.contains(c.id()) && !table.isStale(c.id())) {
            return true;
        }
        return node.leafSetView().contacts().contains(c);
    }
}
