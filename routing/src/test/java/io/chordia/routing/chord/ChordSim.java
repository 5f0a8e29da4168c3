package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** A simulated Chord network from one seed, with the global view the checks need. */
final class ChordSim {
    final SimHarness sim;
    final ChordConfig config;
    final RandomGenerator ids;
    final RandomGenerator workload;
    /** Live nodes in the order they were created. */
    final Map<NodeId, ChordNode> live = new LinkedHashMap<>();
    private int nextAddress;

    ChordSim(long seed, LinkConditions link, ChordConfig config) {
        this.sim = new SimHarness(seed, link);
        this.config = config;
        this.ids = sim.streams.stream("ids");
        this.workload = sim.streams.stream("workload");
    }

    ChordNode newNode() {
        return newNode(NodeId.random(ids));
    }

    ChordNode newNode(NodeId id) {
        int n = nextAddress++;
        Contact self = new Contact(id, TestIds.address(n));
        SimEndpoint endpoint = sim.network.attach(self.address());
        return new ChordNode(self, endpoint.transport(), endpoint.scheduler(), sim.streams.stream("node", n), config);
    }

    /** A converged ring of {@code n} nodes built from the global view (Zave: start from ≥ r+1 nodes). */
    List<ChordNode> convergedRing(int n, boolean withFingers) {
        List<ChordNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ChordNode node = newNode();
            nodes.add(node);
            live.put(node.self().id(), node);
        }
        List<Contact> ring = sortedContacts();
        for (ChordNode node : nodes) {
            node.installConvergedState(ring, withFingers);
        }
        return nodes;
    }

    List<ChordNode> liveNodes() {
        return new ArrayList<>(live.values());
    }

    List<Contact> sortedContacts() {
        List<Contact> ring = new ArrayList<>();
        for (ChordNode n : live.values()) {
            ring.add(n.self());
        }
        ring.sort(Comparator.comparing(Contact::id));
        return ring;
    }

    ChordNode randomLive() {
        List<ChordNode> nodes = liveNodes();
        return nodes.get(workload.nextInt(nodes.size()));
    }

    /** {@code n} nodes that joined one by one through the first, which started the ring alone; in joining order. */
    List<ChordNode> joinedThroughFirst(int n) {
        ChordNode first = newNode();
        first.join(List.of());
        live.put(first.self().id(), first);
        List<ChordNode> joined = new ArrayList<>(List.of(first));
        for (int i = 1; i < n; i++) {
            joined.add(joinOne(first, address -> { }));
        }
        return joined;
    }

    /** Joins a new node through a random live node and runs the world until it has joined. */
    ChordNode joinOne() {
        return joinOne(randomLive(), address -> { });
    }

    /** Joins a new node through {@code via}; {@code beforeJoin} gets its address first (to place it in a partition). */
    ChordNode joinOne(ChordNode via, java.util.function.Consumer<io.chordia.core.net.Address> beforeJoin) {
        ChordNode node = newNode();
        beforeJoin.accept(node.self().address());
        CompletableFuture<Void> joined = node.join(List.of(via.self().address()));
        sim.runUntil(joined::isDone, Duration.ofMinutes(1), "join of " + node.self());
        joined.join();
        live.put(node.self().id(), node);
        return node;
    }

    /** {@link #joinOne(ChordNode, java.util.function.Consumer)}, but a join that fails returns null (the node is dropped). */
    ChordNode tryJoinOne(ChordNode via, java.util.function.Consumer<io.chordia.core.net.Address> beforeJoin) {
        try {
            return joinOne(via, beforeJoin);
        } catch (java.util.concurrent.CompletionException e) {
            return null;
        }
    }

    void crash(ChordNode node) {
        live.remove(node.self().id());
        sim.network.endpoint(node.self().address()).crash();
    }

    void run(Duration d) {
        sim.loop.advance(d);
    }

    /** Runs {@code count} lookups of random keys from random live nodes, {@code batch} at a time. */
    List<LookupResult> lookups(int count, int batch, LookupStyle style, List<NodeId> keysOut) {
        List<LookupResult> results = new ArrayList<>(count);
        for (int done = 0; done < count; done += batch) {
            List<CompletableFuture<LookupResult>> inFlight = new ArrayList<>();
            for (int i = 0; i < Math.min(batch, count - done); i++) {
                NodeId key = NodeId.random(workload);
                keysOut.add(key);
                inFlight.add(randomLive().lookup(key, style));
            }
            sim.runUntil(() -> inFlight.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(2), "lookups");
            inFlight.forEach(f -> results.add(f.join()));
        }
        return results;
    }

    /** How many of {@code results} did not name the true successor of their key among live nodes. */
    int wrongOwners(List<LookupResult> results, List<NodeId> keys) {
        List<Contact> ring = sortedContacts();
        int wrong = 0;
        for (int i = 0; i < results.size(); i++) {
            LookupResult r = results.get(i);
            if (!r.succeeded() || !r.owner().equals(SortedRing.successorOf(ring, keys.get(i)))) {
                wrong++;
            }
        }
        return wrong;
    }
}
