package io.chordia.routing.overlay;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.Request;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.kademlia.ItemService;
import io.chordia.routing.kademlia.ItemStore;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.kademlia.SwarmService;
import io.chordia.routing.kademlia.SwarmStore;
import io.chordia.routing.replication.KademliaPlacement;
import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.ReplicaPlacement;
import java.util.random.RandomGenerator;

/**
 * Kademlia: k-buckets by XOR distance, replicas on the k closest nodes to a key. {@link #MAINLINE}
 * is the same node as BitTorrent's DHT runs it: BEP 5's k = 8, get_peers/announce_peer served
 * from a bounded {@link SwarmStore} and BEP 44's get/put from a bounded {@link ItemStore}.
 */
public final class KademliaOverlayFactory implements OverlayFactory<KademliaConfig> {
    /** BEP 5's bucket size and reply size. */
    private static final int MAINLINE_K = 8;
    /** Enough for a busy public node's share of swarms, a few MiB at most. */
    private static final int MAX_SWARMS = 10_000;
    private static final int MAX_PEERS_PER_SWARM = 100;
    /** libtorrent keeps 700 items by default; ours may also hold 1 MiB of them, a tenth of that per host. */
    private static final int MAX_ITEMS = 1_000;
    private static final long MAX_ITEM_BYTES = 1L << 20;
    private static final int MAX_ITEMS_PER_HOST = 100;

    public static final KademliaOverlayFactory INSTANCE = new KademliaOverlayFactory(0, false);
    public static final KademliaOverlayFactory MAINLINE = new KademliaOverlayFactory(MAINLINE_K, true);

    /** The protocol's own k, 0 when it has none (plain Kademlia takes the configuration's). */
    private final int protocolK;
    private final boolean servesSwarms;

    private KademliaOverlayFactory(int protocolK, boolean servesSwarms) {
        this.protocolK = protocolK;
        this.servesSwarms = servesSwarms;
    }

    @Override
    public KademliaConfig defaultConfig() {
        return withProtocolParameters(KademliaConfig.defaults());
    }

    /**
     * {@code config} under what this protocol fixes: BEP 5's k = 8 for Mainline (its buckets and
     * its find_node answers), nothing for plain Kademlia. The daemon's nodes ({@link #defaultConfig()})
     * and the simulator's (its tuning, unless {@code --k} says otherwise) both come through here, so
     * a simulated Mainline node is configured as a real one; the rest (alpha, the swarm and item
     * services with their tokens) is the same code in both, from {@link #newNode}.
     */
    public KademliaConfig withProtocolParameters(KademliaConfig config) {
        return protocolK == 0 ? config : config.withK(protocolK);
    }

    @Override
    public OverlayNode newNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random,
                               KademliaConfig config) {
        KademliaNode node = new KademliaNode(self, transport, scheduler, random, config);
        if (servesSwarms) {
            SwarmService swarms = SwarmService.install(node,
                    new SwarmStore(MAX_SWARMS, MAX_PEERS_PER_SWARM, SwarmStore.DEFAULT_TTL), random);
            ItemService.install(node, new ItemStore(MAX_ITEMS, MAX_ITEM_BYTES, MAX_ITEMS_PER_HOST, ItemStore.DEFAULT_TTL),
                    swarms.tokens());
        }
        return node;
    }

    @Override
    public KademliaConfig bounded(KademliaConfig config, NodeBounds bounds) {
        // A bound caps, never raises: a public Mainline bootstrap keeps BEP 5's 8, whatever its limits allow.
        int k = protocolK == 0 ? bounds.contactsPerBucket() : Math.min(protocolK, bounds.contactsPerBucket());
        return config.withK(k)
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
        // Only a node of BitTorrent's DHT serves get_peers; it is also what libtorrent pings with.
        return servesSwarms ? new GetPeers(self) : new FindNode(self, 1);
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
