package io.chordia.sim.experiments;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.chord.SortedRing;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** A simulated Chord network built converged from a global view, for experiments. */
final class ChordWorld {
    final VirtualScheduler loop = new VirtualScheduler();
    final SimNetwork network;
    final RandomStreams streams;
    final RandomGenerator workload;
    final Map<NodeId, ChordNode> live = new LinkedHashMap<>();
    private final ChordConfig config;
    private final RandomGenerator ids;
    private int nextIndex;

    ChordWorld(long seed, int n, LinkConditions link, ChordConfig config) {
        this.config = config;
        streams = new RandomStreams(seed);
        network = new SimNetwork(loop, streams.stream("network"), link);
        workload = streams.stream("workload");
        ids = streams.stream("ids");
        List<ChordNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ChordNode node = newNode();
            nodes.add(node);
            live.put(node.self().id(), node);
        }
        List<Contact> ring = ring();
        nodes.forEach(node -> node.installConvergedState(ring, true));
    }

    private ChordNode newNode() {
        int i = nextIndex++;
        Address address = new Address("10." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF), 4000);
        SimEndpoint endpoint = network.attach(address);
        return new ChordNode(new Contact(NodeId.random(ids), address), endpoint.transport(), endpoint.scheduler(),
                streams.stream("node", i), config);
    }

    /** A new node joins through {@code via}; it counts as live once joined, and is crashed if the join fails. */
    CompletableFuture<ChordNode> join(ChordNode via) {
        ChordNode node = newNode();
        return node.join(List.of(via.self().address())).handle((ok, failure) -> {
            if (failure != null) {
                network.endpoint(node.self().address()).crash();
                return null;
            }
            live.put(node.self().id(), node);
            return node;
        });
    }

    List<Contact> ring() {
        List<Contact> ring = new ArrayList<>();
        live.values().forEach(n -> ring.add(n.self()));
        ring.sort(Comparator.comparing(Contact::id));
        return ring;
    }

    void crash(ChordNode node) {
        live.remove(node.self().id());
        network.endpoint(node.self().address()).crash();
    }

    ChordNode randomLive() {
        List<ChordNode> nodes = new ArrayList<>(live.values());
        return nodes.get(workload.nextInt(nodes.size()));
    }

    /**
     * The fraction of {@code samples} random keys whose owner on the ring {@code before} has since
     * crashed: what the Chord paper counts as failed lookups after a mass failure (the data is gone).
     */
    double fractionOwnedByDead(List<Contact> before, int samples, RandomGenerator random) {
        int dead = 0;
        for (int i = 0; i < samples; i++) {
            if (!live.containsKey(SortedRing.successorOf(before, NodeId.random(random)).id())) {
                dead++;
            }
        }
        return (double) dead / samples;
    }

    /** Runs {@code count} lookups of random keys from random live nodes, all started at once. */
    Outcome lookups(int count, LookupStyle style) {
        return lookups(count, style, ring());
    }

    /**
     * {@link #lookups(int, LookupStyle)}, also counting those that did not find the key's owner on
     * {@code original}, the ring before some failure: the Chord paper's metric after a mass failure.
     */
    Outcome lookups(int count, LookupStyle style, List<Contact> original) {
        List<NodeId> keys = new ArrayList<>();
        List<CompletableFuture<LookupResult>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NodeId key = NodeId.random(workload);
            keys.add(key);
            results.add(randomLive().lookup(key, style));
        }
        if (!loop.runUntil(() -> results.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(10))) {
            throw new IllegalStateException("lookups did not finish");
        }
        List<Contact> ring = ring();
        int failed = 0;
        int notOriginal = 0;
        int[] hops = new int[count];
        for (int i = 0; i < count; i++) {
            LookupResult r = results.get(i).join();
            hops[i] = r.hops();
            if (!r.succeeded() || !r.owner().equals(SortedRing.successorOf(ring, keys.get(i)))) {
                failed++;
            }
            if (!r.succeeded() || !r.owner().equals(SortedRing.successorOf(original, keys.get(i)))) {
                notOriginal++;
            }
        }
        java.util.Arrays.sort(hops);
        return new Outcome(count, failed, notOriginal, java.util.Arrays.stream(hops).average().orElse(0),
                hops[count / 2], hops[(int) Math.ceil(0.99 * count) - 1]);
    }

    /** {@code notOriginalOwner}: lookups that missed the key's owner on the ring given (all of them, by default the current one). */
    record Outcome(int lookups, int failed, int notOriginalOwner, double meanHops, int p50Hops, int p99Hops) {}
}
