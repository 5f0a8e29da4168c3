package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.util.Checks;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * A world of Kademlia nodes on the in-memory network, built from one seed. Node {@code i} lives at
 * {@link #address(int)}, each in its own /24, draws from its own random stream, and can crash and
 * come back with a new id. Everything runs on the calling thread, in virtual time.
 *
 * <p>A test fixture of routing's simulation tests; {@code chordia sim paper kademlia} builds its
 * networks on the simulator's own world instead (simulations' {@code KademliaWorld}).
 */
public final class KademliaSimulation {
    public final RandomStreams streams;
    public final VirtualScheduler loop = new VirtualScheduler();
    public final SimNetwork network;
    private final KademliaConfig config;
    private final RandomGenerator ids;
    private final List<SimEndpoint> endpoints = new ArrayList<>();
    private final List<KademliaNode> nodes = new ArrayList<>();
    /** Live nodes by id, for the ground truth. */
    private final TreeMap<NodeId, Contact> live = new TreeMap<>();
    /** Lookup only, never iterated. */
    private final java.util.Map<Address, Integer> indexByAddress = new java.util.HashMap<>();

    public KademliaSimulation(long seed, LinkConditions link, KademliaConfig config) {
        this.streams = new RandomStreams(seed);
        this.network = new SimNetwork(loop, streams.stream("network"), link);
        this.config = Checks.notNull(config, "config");
        this.ids = streams.stream("ids");
    }

    /** Node {@code i}'s address: 10.x.y.1:4000, a /24 of its own. */
    public static Address address(int i) {
        Checks.inRange(i, 0, 65_535, "node index");
        return new Address("10." + (i >>> 8) + "." + (i & 0xFF) + ".1", 4000);
    }

    public KademliaConfig config() {
        return config;
    }

    /** Adds a node with a random id, not yet joined; returns its index. */
    public int addNode() {
        return addNode(NodeId.random(ids), config);
    }

    /** Adds a node with {@code id} and its own settings, not yet joined; returns its index. */
    public int addNode(NodeId id, KademliaConfig nodeConfig) {
        int i = endpoints.size();
        SimEndpoint endpoint = network.attach(address(i));
        endpoints.add(endpoint);
        indexByAddress.put(endpoint.address(), i);
        nodes.add(null);
        start(i, id, nodeConfig);
        return i;
    }

    private void start(int i, NodeId id, KademliaConfig nodeConfig) {
        SimEndpoint endpoint = endpoints.get(i);
        Contact self = new Contact(id, endpoint.address());
        RandomGenerator random = streams.stream("node-" + endpoint.incarnation(), i);
        KademliaNode node = new KademliaNode(self, endpoint.transport(), endpoint.scheduler(), random, nodeConfig);
        nodes.set(i, node);
        live.put(id, self);
    }

    public int size() {
        return nodes.size();
    }

    public KademliaNode node(int i) {
        return nodes.get(i);
    }

    public boolean isUp(int i) {
        return endpoints.get(i).isUp();
    }

    /** Indices of the nodes that are up. */
    public List<Integer> upIndices() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (endpoints.get(i).isUp()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Every live node, ordered by id. */
    public List<Contact> liveContacts() {
        return new ArrayList<>(live.values());
    }

    /** The node at {@code c}'s address now (whatever its id), or {@code null}. */
    public KademliaNode nodeAt(Address address) {
        Integer i = indexByAddress.get(address);
        return i == null ? null : nodes.get(i);
    }

    public boolean isLive(Contact c) {
        Contact known = live.get(c.id());
        return known != null && known.address().equals(c.address());
    }

    /** Crashes node {@code i}: it stops answering and its timers die, as a killed process. */
    public void crash(int i) {
        endpoints.get(i).crash();
        nodes.get(i).stop();
        live.remove(nodes.get(i).self().id());
    }

    /** Restarts crashed node {@code i} with a fresh random id and an empty table (not yet joined). */
    public void restart(int i) {
        Checks.check(!endpoints.get(i).isUp(), "node %s is up", i);
        endpoints.get(i).restart();
        start(i, NodeId.random(ids), nodes.get(i).config());
    }

    /**
     * Joins nodes {@code from..to-1} one after another, {@code spacing} apart in virtual time, each
     * through a random node that is up and joined (node {@code from} through node {@code from-1}, or
     * alone if it is the first); waits until all have joined.
     */
    public void joinAll(int from, int to, Duration spacing, Duration maxWait) {
        RandomGenerator choice = streams.stream("bootstrap-choice", from);
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        List<Integer> joined = new ArrayList<>();
        for (int i = 0; i < from; i++) {
            if (isUp(i) && node(i).isJoined()) {
                joined.add(i);
            }
        }
        for (int i = from; i < to; i++) {
            List<Address> via = joined.isEmpty() ? List.of() : List.of(address(joined.get(choice.nextInt(joined.size()))));
            joins.add(node(i).join(via));
            joined.add(i);
            loop.advance(spacing);
        }
        runUntil(() -> joins.stream().allMatch(CompletableFuture::isDone), maxWait, "joins");
        for (int i = 0; i < joins.size(); i++) {
            if (joins.get(i).isCompletedExceptionally()) {
                throw new AssertionError("node " + (from + i) + " failed to join (seed " + streams.masterSeed() + ")");
            }
        }
    }

    /**
     * Fills every up node's table and leaf set from global knowledge, as if the network had run
     * long enough to converge: each bucket gets up to k random members of its range. Fast (no
     * messages), for experiments about lookups rather than about joining.
     */
    public void installConverged() {
        RandomGenerator pick = streams.stream("converged");
        List<Contact> all = liveContacts();
        NodeId[] sorted = new NodeId[all.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = all.get(i).id();
        }
        for (int i : upIndices()) {
            KademliaNode node = node(i);
            RoutingTable table = node.routingTable();
            List<Contact> chosen = new ArrayList<>();
            // The leaf set: the nodes nearest us, which a converged self-lookup would have found.
            List<Contact> nearest = closestLive(node.self().id(), node.config().leafSetSize() + 1);
            // Buckets deeper than our nearest neighbour's are empty.
            int deepest = nearest.size() < 2 ? -1 : table.bucketIndex(nearest.get(1).id());
            int lastSlot = table.bitsPerHop() == 1 ? deepest
                    : (deepest / ((1 << table.bitsPerHop()) - 1) + 1) * ((1 << table.bitsPerHop()) - 1) - 1;
            for (int b = 0; b <= lastSlot; b++) {
                if (!table.slotExists(b)) {
                    continue;
                }
                NodeId sample = table.randomIdInBucket(b, pick);
                int prefix = table.prefixLength(b);
                int lo = lowerBound(sorted, sample.withLowBits(prefix, false));
                int hi = lowerBound(sorted, sample.withLowBits(prefix, true)) + (containsAt(sorted, sample.withLowBits(prefix, true)) ? 1 : 0);
                int n = hi - lo;
                if (n == 0) {
                    continue;
                }
                if (n <= table.k()) {
                    for (int j = lo; j < hi; j++) {
                        chosen.add(all.get(j));
                    }
                } else {
                    for (int idx : pickDistinct(pick, n, table.k())) {
                        chosen.add(all.get(lo + idx));
                    }
                }
            }
            chosen.addAll(nearest);
            List<Contact> others = new ArrayList<>();
            for (Contact c : chosen) {
                if (!c.id().equals(node.self().id())) {
                    others.add(c);
                }
            }
            node.installContacts(others);
        }
    }

    /** The {@code count} live nodes XOR-closest to {@code target}, closest first: the ground truth. */
    public List<Contact> closestLive(NodeId target, int count) {
        return IdOrder.closestIn(live, target, count);
    }

    /**
     * Runs {@code count} lookups of random keys from random up nodes, all started at once, and
     * compares each answer with the live nodes at the moment it completes.
     *
     * @param disjointPaths for iterative lookups, d; ignored for recursive ones
     */
    public LookupReport runLookups(int count, LookupStyle style, int disjointPaths, String workload, Duration maxTime) {
        RandomGenerator w = streams.stream("lookups-" + workload);
        List<Integer> up = upIndices();
        List<CompletableFuture<LookupResult>> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            KademliaNode origin = node(up.get(w.nextInt(up.size())));
            NodeId key = NodeId.random(w);
            results.add(style == LookupStyle.ITERATIVE ? origin.lookupIterative(key, disjointPaths)
                    : origin.lookup(key, LookupStyle.RECURSIVE));
        }
        int k = config.k();
        runUntil(() -> results.stream().allMatch(CompletableFuture::isDone), maxTime, "lookups");
        return report(results, k);
    }

    /** Grades finished lookups against the live nodes now. */
    public LookupReport report(List<CompletableFuture<LookupResult>> results, int k) {
        return LookupReport.grade(results, k, this::closestLive);
    }

    public void runFor(Duration d) {
        loop.advance(d);
    }

    /** Runs until {@code condition}, failing with the seed in the message after {@code max}. */
    public void runUntil(BooleanSupplier condition, Duration max, String what) {
        if (!loop.runUntil(condition, max)) {
            throw new AssertionError(what + " did not happen within " + max + " of virtual time (seed "
                    + streams.masterSeed() + ")");
        }
    }

    private static int lowerBound(NodeId[] sorted, NodeId key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean containsAt(NodeId[] sorted, NodeId key) {
        int i = lowerBound(sorted, key);
        return i < sorted.length && sorted[i].equals(key);
    }

    /** {@code k} distinct indices in [0, n), by a partial Fisher-Yates over a sparse map. */
    private static int[] pickDistinct(RandomGenerator random, int n, int k) {
        java.util.HashMap<Integer, Integer> swapped = new java.util.HashMap<>();
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int vj = swapped.getOrDefault(j, j);
            int vi = swapped.getOrDefault(i, i);
            swapped.put(j, vi);
            out[i] = vj;
        }
        return out;
    }
}
