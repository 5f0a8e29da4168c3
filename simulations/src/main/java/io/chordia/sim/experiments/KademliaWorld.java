package io.chordia.sim.experiments;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimNetwork;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.IdOrder;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.kademlia.LookupReport;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.overlay.KademliaOverlayFactory;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.sim.world.KademliaOverlay;
import io.chordia.sim.world.Peer;
import io.chordia.sim.world.SimSubstrate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A simulated Kademlia network for the paper report and the sweep, on the simulator's own world:
 * hosts from {@link SimSubstrate}, nodes and their converged tables from {@link KademliaOverlay},
 * as {@code chordia sim} builds them. Built by joining one node at a time or filled from a global
 * view; no churn, so the live nodes are all of them.
 */
final class KademliaWorld {
    private final RandomStreams streams;
    private final SimSubstrate substrate;
    private final KademliaConfig config;
    private final List<Peer> peers = new ArrayList<>();
    /** Every node by id: the ground truth lookups are graded against. */
    private final TreeMap<NodeId, Contact> byId = new TreeMap<>();

    KademliaWorld(long seed, int n, LinkConditions link, KademliaConfig config, boolean joined) {
        this.streams = new RandomStreams(seed);
        this.substrate = new SimSubstrate(streams.stream("network"), link, null);
        this.config = config;
        KademliaOverlay overlay = new KademliaOverlay(KademliaOverlayFactory.INSTANCE, config, StorageConfig.defaults());
        RandomGenerator ids = streams.stream("ids");
        for (int i = 0; i < n; i++) {
            Peer peer = overlay.create(substrate.newHost(i), NodeId.random(ids), streams.stream("node", i), null, false);
            peers.add(peer);
            byId.put(peer.node().self().id(), peer.node().self());
        }
        if (joined) {
            joinOneByOne(Duration.ofMillis(20));
            substrate.runUntil(substrate.nowNanos() + Duration.ofSeconds(30).toNanos());
        } else {
            List<Peer> inIdOrder = new ArrayList<>(peers);
            inIdOrder.sort(Comparator.comparing(p -> p.node().self().id()));
            awaitAll(overlay.installConverged(inIdOrder, streams.stream("converged")), "the converged tables");
        }
    }

    SimNetwork network() {
        return substrate.network();
    }

    /** Each node joins through a random node that joined before it, {@code spacing} apart. */
    private void joinOneByOne(Duration spacing) {
        RandomGenerator choice = streams.stream("bootstrap-choice");
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            List<Address> via = i == 0 ? List.of() : List.of(peers.get(choice.nextInt(i)).node().self().address());
            joins.add(node(i).join(via));
            substrate.runUntil(substrate.nowNanos() + spacing.toNanos());
        }
        awaitAll(joins, "the joins");
    }

    /**
     * Runs {@code count} lookups of random keys from random nodes, all started at once, and grades
     * each against the nodes nearest its key.
     *
     * @param disjointPaths for iterative lookups, d; ignored for recursive ones
     */
    LookupReport runLookups(int count, LookupStyle style, int disjointPaths, String workload) {
        RandomGenerator w = streams.stream("lookups-" + workload);
        List<CompletableFuture<LookupResult>> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            KademliaNode origin = node(w.nextInt(peers.size()));
            NodeId key = NodeId.random(w);
            results.add(style == LookupStyle.ITERATIVE ? origin.lookupIterative(key, disjointPaths)
                    : origin.lookup(key, LookupStyle.RECURSIVE));
        }
        awaitAll(results, "the lookups");
        return LookupReport.grade(results, config.k(), (target, k) -> IdOrder.closestIn(byId, target, k));
    }

    private KademliaNode node(int i) {
        return (KademliaNode) peers.get(i).node();
    }

    private void awaitAll(List<? extends CompletableFuture<?>> futures, String what) {
        long max = Duration.ofHours(24).toNanos();
        if (!substrate.runUntil(() -> futures.stream().allMatch(CompletableFuture::isDone), max)) {
            throw new IllegalStateException(what + " did not finish within a day of virtual time (seed "
                    + streams.masterSeed() + ")");
        }
        for (CompletableFuture<?> f : futures) {
            if (f.isCompletedExceptionally()) {
                throw new IllegalStateException(what + " failed (seed " + streams.masterSeed() + ")");
            }
        }
    }
}
