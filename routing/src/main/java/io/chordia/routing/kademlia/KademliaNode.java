package io.chordia.routing.kademlia;

import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.NetworkSizeEstimate;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.RecursiveFindNodeDone;
import io.chordia.core.message.Response;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.core.util.Checks;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.lookup.LookupResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A Kademlia peer: a {@link RoutingTable} of k-buckets, a {@link LeafSet}, iterative lookups
 * (α-parallel, optionally over d disjoint paths) and recursive lookups, and the maintenance that
 * keeps them fresh: verification of new senders, pings of a full bucket's least recently seen
 * contact, replacement of stale contacts, hourly refresh of idle buckets and a periodic lookup of
 * our own id.
 *
 * <p>Threading: state is touched only on the node thread (the scheduler's). Public methods may be
 * called from any thread and hop onto it; futures complete on it. {@link #routingTable()} and
 * {@link #leafSetView()} are for the node thread (simulations run on it).
 */
public final class KademliaNode implements OverlayNode {
    private final NetworkSizeEstimate networkSize =
            new NetworkSizeEstimate(KeyDistance.XOR);
    private static final Logger LOG = LogManager.getLogger();
    /** How many times a join runs its lookup of our own id again (pastDeadReferrals). */
    private static final int JOIN_RETRIES = 2;

    /** For our id only: the address we give peers is {@link #self()}, the RPC endpoint's, and can change. */
    private final Contact self;
    private final KademliaConfig config;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final RpcEndpoint rpc;
    private final Contacts contacts;
    private final RoutingTable table;
    private final RecursiveLookups recursive;
    private final KademliaStats stats = new KademliaStats();
    private final IterativeLookup.Observer observer = new IterativeLookup.Observer() {
        @Override
        public void answered(Contact contact) {
            KademliaNode.this.answered(contact);
        }

        @Override
        public void failed(Contact contact, Throwable cause) {
            requestFailed(contact, cause);
        }
    };
    /** Set when the node serves BitTorrent swarms (Mainline), before it is shared with other threads. */
    private SwarmClient swarm;
    /** Services installed on top of the node (BEP 44's items), for whoever holds only the node. */
    private volatile ItemService items;
    private Cancellable maintenance = Cancellable.NONE;
    private Cancellable suspectProbes = Cancellable.NONE;
    private long lastSelfLookupNanos;
    private boolean joined;
    private boolean stopped;

    /** A node with its own RPC endpoint (built from {@code config.rpc()}) over {@code transport}. */
    public KademliaNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random,
                        KademliaConfig config) {
        this(new RpcEndpoint(self, transport, scheduler, random, config.rpc()), random, config);
    }

    /** A node serving on {@code rpc}, which it takes over (it registers its handlers there). */
    public KademliaNode(RpcEndpoint rpc, RandomGenerator random, KademliaConfig config) {
        this.rpc = Checks.notNull(rpc, "rpc");
        this.self = rpc.self();
        this.config = Checks.notNull(config, "config");
        this.scheduler = rpc.scheduler();
        this.random = Checks.notNull(random, "random");
        this.contacts = new Contacts(rpc, config, stats);
        this.table = contacts.table();
        this.recursive = new RecursiveLookups(this, rpc, config, stats);
        rpc.register(Ping.class, (ping, ctx) -> {
            observeSender(ctx);
            return new Pong(ctx.source());
        });
        rpc.register(FindNode.class, (request, ctx) -> {
            observeSender(ctx);
            return new Nodes(closestKnown(request.target(), Math.min(request.count(), config.k())));
        });
        rpc.register(RecursiveFindNode.class, recursive::handleForward);
        rpc.register(RecursiveFindNodeDone.class, recursive::handleDone);
    }

    @Override
    public Contact self() {
        return rpc.self();
    }

    public KademliaConfig config() {
        return config;
    }

    public RpcEndpoint rpc() {
        return rpc;
    }

    public KademliaStats stats() {
        return stats;
    }

    /** BEP 44's gets and puts through this node, when it serves items (a {@code MAINLINE} node). */
    public Optional<ItemLookups> itemLookups() {
        ItemService service = items;
        return service == null ? Optional.empty() : Optional.of(new ItemLookups(this, service));
    }

    void itemsServedBy(ItemService service) {
        items = service;
    }

    /** The routing table; node thread only. */
    public RoutingTable routingTable() {
        return table;
    }

    /** The leaf set; node thread only. */
    public LeafSet leafSetView() {
        return contacts.leafSet();
    }

    /** The {@code count} live contacts closest to {@code target}, this node counted among them; node thread only. */
    public List<Contact> closestWithSelf(NodeId target, int count) {
        return contacts.closestWithSelf(target, count);
    }

    public boolean isJoined() {
        return joined;
    }

    public boolean isStopped() {
        return stopped;
    }

    /**
     * Joins through whichever bootstrap address answers a ping first: looks up our own id (which
     * tells the nodes near us about us), then refreshes every bucket farther away than our closest
     * neighbour, as the paper prescribes; with {@link KademliaExtra#LEAF_SET_JOIN} the lookup
     * confirms the leaf set's worth of nearest nodes instead, is run again if it ended with few
     * nodes answering, and no bucket is refreshed. Fails with an {@link IOException} if no address answers.
     */
    @Override
    public CompletableFuture<Void> join(List<Address> bootstrap) {
        List<Address> seeds = List.copyOf(bootstrap);
        return onNode(() -> {
            startMaintenance();
            if (seeds.isEmpty()) {
                joined = true;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Contact> first = new CompletableFuture<>();
            int[] failures = {0};
            for (Address address : seeds) {
                rpc.exchange(address, null, new Ping(), config.rpc()).whenComplete((reply, failure) -> {
                    if (failure == null && !reply.responder().id().equals(self.id())) {
                        Contact contact = new Contact(reply.responder().id(), address);
                        answered(contact);
                        first.complete(contact);
                    } else if (++failures[0] == seeds.size()) {
                        first.completeExceptionally(new IOException("no bootstrap node answered at " + seeds));
                    }
                });
            }
            boolean leafSetJoin = config.has(KademliaExtra.LEAF_SET_JOIN) && config.has(KademliaExtra.LEAF_SET);
            int width = leafSetJoin ? Math.max(config.k(), config.leafSetSize()) : config.k();
            return first.thenCompose(contact -> leafSetJoin ? joinSelfLookup(contact, width)
                    : selfLookup(width)).thenCompose(result -> {
                if (!result.succeeded()) {
                    throw new CompletionException(new IOException("the lookup of our own id failed after bootstrap"));
                }
                return leafSetJoin ? CompletableFuture.<Void>completedFuture(null) : refreshFartherThanClosestNeighbour(result);
            }).thenRun(() -> {
                joined = true;
                LOG.debug("{} joined with {} contacts", self, table.size());
            });
        });
    }

    /**
     * Finds the k XOR-closest live nodes to {@code key} (this node included when it is one): what
     * storing, replica sets and the network-size estimate need.
     */
    @Override
    public CompletableFuture<LookupResult> lookup(NodeId key, LookupStyle style) {
        Checks.notNull(key, "key");
        Checks.notNull(style, "style");
        return onNode(() -> style == LookupStyle.RECURSIVE ? recursiveLookup(key) : iterativeLookup(key,
                config.disjointPaths())).whenComplete((result, failure) -> networkSize.recordLookup(key, result, failure));
    }

    /**
     * Finds the XOR-closest live node to {@code key} and ends once it is confirmed ({@link
     * IterativeLookup.Ends#owner}), about one round trip after it is found instead of the k/α more
     * that confirming the other k − 1 closest takes; the lookup still runs to them for the routing
     * table and the network-size estimate. Only with a {@link KademliaExtra#LEAF_SET}: the closest
     * node's reply comes from its leaf set, which knows the nodes nearer the key than it, where
     * buckets alone may not. Recursive lookups end at their last hop anyway.
     */
    @Override
    public CompletableFuture<LookupResult> lookupOwner(NodeId key, LookupStyle style) {
        Checks.notNull(key, "key");
        Checks.notNull(style, "style");
        if (style == LookupStyle.RECURSIVE || !config.has(KademliaExtra.LEAF_SET)) {
            return lookup(key, style);
        }
        return onNode(() -> {
            lookupStarted(key);
            IterativeLookup.Ends ends = beginIterative(key, config.disjointPaths());
            ends.closest().whenComplete((result, failure) -> networkSize.recordLookup(key, result, failure));
            return count(ends.owner());
        });
    }

    @Override
    public double networkSizeEstimate() {
        return networkSize.fromLookups();
    }

    @Override
    public int networkSizeLookups() {
        return networkSize.lookupsPooled();
    }

    /** An iterative lookup of {@code key} over {@code disjointPaths} paths, whatever the configuration says. */
    public CompletableFuture<LookupResult> lookupIterative(NodeId key, int disjointPaths) {
        Checks.inRange(disjointPaths, 1, config.k(), "disjointPaths");
        return onNode(() -> iterativeLookup(key, disjointPaths));
    }

    /** The get_peers/announce_peer client of a node that serves swarms (Mainline); empty for plain Kademlia. */
    public Optional<SwarmClient> swarm() {
        return Optional.ofNullable(swarm);
    }

    /** The {@code 2·perSide} verified nodes XOR-closest to our id, closest first. */
    @Override
    public CompletableFuture<List<Contact>> leafSet(int perSide) {
        Checks.inRange(perSide, 1, 1 << 15, "perSide");
        return onNode(() -> CompletableFuture.completedFuture(contacts.leafSet().closest(2 * perSide)));
    }

    /**
     * Kademlia has no leave message: the others notice the silence and replace us from their
     * replacement caches. Leaving is stopping.
     */
    @Override
    public CompletableFuture<Void> leave() {
        return onNode(() -> {
            shutDown();
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public void stop() {
        if (scheduler.inNodeThread()) {
            shutDown();
        } else {
            scheduler.execute(this::shutDown);
        }
    }

    /**
     * Enters {@code contacts} as if each had just answered us: for simulations that start from a
     * converged network instead of joining node by node. Node thread only.
     */
    public void installContacts(Collection<Contact> known) {
        scheduler.checkOnNodeThread();
        contacts.install(known);
        joined = true;
        startMaintenance();
    }

    // ---- what the lookups and handlers report -------------------------------------------------

    RandomGenerator random() {
        return random;
    }

    List<Contact> closestKnown(NodeId target, int count) {
        return contacts.closestKnown(target, count);
    }

    boolean leafSetCovers(NodeId target, int count) {
        return contacts.leafSetCovers(target, count);
    }

    void answered(Contact contact) {
        contacts.answered(contact);
    }

    /**
     * A request to {@code contact} failed: counted towards its going stale, whether the request
     * was the node's own or a service's on its endpoint (storage's). Node thread only.
     */
    public void requestFailed(Contact contact, Throwable failure) {
        contacts.requestFailed(contact, failure);
    }

    void observeSender(RequestContext ctx) {
        contacts.observeSender(ctx);
    }

    // ---- internals ----------------------------------------------------------------------------

    private CompletableFuture<LookupResult> iterativeLookup(NodeId key, int disjointPaths) {
        lookupStarted(key);
        return count(iterativeWithoutCounting(key, disjointPaths));
    }

    void attachSwarm(SwarmClient client) {
        swarm = client;
    }

    /** An iterative lookup asking {@code query}'s request of each node, counted as a lookup. */
    <R extends Response> CompletableFuture<LookupResult> lookupWith(
            NodeId key, IterativeLookup.Query<R> query) {
        lookupStarted(key);
        return count(IterativeLookup.start(rpc, key, closestKnown(key, config.k()), config.k(), config.alpha(),
                config.disjointPaths(), config.lookupRpc(), query, observer, stats.slowQueries, config.extras()));
    }

    /** A recursive lookup's fallback: the lookup was counted when it started. */
    CompletableFuture<LookupResult> iterativeWithoutCounting(NodeId key, int disjointPaths) {
        return beginIterative(key, disjointPaths).closest();
    }

    private IterativeLookup.Ends beginIterative(NodeId key, int disjointPaths) {
        return beginIterative(key, config.k(), disjointPaths);
    }

    /** An iterative lookup that confirms the {@code width} nearest nodes it finds. */
    private IterativeLookup.Ends beginIterative(NodeId key, int width, int disjointPaths) {
        return IterativeLookup.begin(rpc, key, closestKnown(key, width), width, config.alpha(), disjointPaths,
                config.lookupRpc(), observer, stats.slowQueries, config.extras());
    }

    private CompletableFuture<LookupResult> recursiveLookup(NodeId key) {
        lookupStarted(key);
        return count(recursive.start(key, config.k()));
    }

    /** Counts a lookup of {@code key} and tells the table its bucket was looked into (no refresh due). */
    private void lookupStarted(NodeId key) {
        stats.lookups.increment();
        table.markLookedUp(key, now());
    }

    private CompletableFuture<LookupResult> count(CompletableFuture<LookupResult> lookup) {
        return lookup.whenComplete((result, failure) -> {
            if (failure != null || !result.succeeded()) {
                stats.lookupsFailed.increment();
            }
        });
    }

    /**
     * Looks up our own id through {@code revived}. A contact that answers again after a partition
     * is far from us as a rule, so a plain self-lookup (which asks only the closest nodes it knows)
     * would never ask it and would stay on our side. Asked first, it names the nodes nearest us on
     * its side; the lookup then starts from those and our own closest, and the nodes it asks learn
     * of us.
     */
    private void selfLookupThrough(Contact revived) {
        stats.selfLookups.increment();
        rpc.call(revived, new FindNode(self.id(), config.k())).whenComplete((nodes, failure) -> {
            if (failure != null || stopped) {
                return;
            }
            List<Contact> seeds = new ArrayList<>(nodes.contacts());
            seeds.addAll(closestKnown(self.id(), config.k()));
            count(IterativeLookup.start(rpc, self.id(), IdOrder.closestDistinct(seeds, self.id(), seeds.size()),
                    config.k(), config.alpha(), 1, config.lookupRpc(), observer, stats.slowQueries, config.extras()));
        });
    }

    /**
     * A join's lookup of our own id. The join ends at the lookup's owner end: the nodes nearest us
     * have answered our request, so they know us and their replies name us; confirming the rest of
     * the leaf set's width, α at a time, took seconds more, while others' lookups already ended at
     * us (at 1,000 nodes under 84-s sessions, 545 of 1,179 failed lookups named a node still
     * joining, which counts as a member only once its join ends). The lookup runs on to its closest
     * end for the leaf set, and from there past departed referrals ({@link #pastDeadReferrals}).
     */
    private CompletableFuture<LookupResult> joinSelfLookup(Contact bootstrap, int width) {
        IterativeLookup.Ends ends = selfLookupEnds(width);
        count(ends.closest()).thenCompose(result -> pastDeadReferrals(bootstrap, width, JOIN_RETRIES, result));
        return ends.owner();
    }

    /**
     * The lookup of our own id run again, after a lookup of {@code bootstrap}'s id, while it ends
     * with fewer than k nodes answering and some silent. Under 84-s sessions the bootstrap node's
     * contacts in the joiner's region sit in a far bucket it rarely asks, so they are mostly
     * departed: at 1,000 nodes 8.7% of joins ended knowing fewer than 5 of their 20 nearest live
     * nodes and known by fewer than 5 of them, and such owners were the largest share of failed
     * lookups. The bootstrap node's own neighbours come from its leaf set and are alive; their
     * buckets for our region are others than the bootstrap node's.
     */
    private CompletableFuture<LookupResult> pastDeadReferrals(Contact bootstrap, int width, int retries,
                                                              LookupResult result) {
        int answered = result.path().size();
        boolean isolated = answered < config.k() && result.messages() > answered;
        if (retries == 0 || !result.succeeded() || !isolated || stopped) {
            return CompletableFuture.completedFuture(result);
        }
        stats.joinRetries.increment();
        return iterativeLookup(bootstrap.id(), 1).handle((ignored, failure) -> null)
                .thenCompose(ignored -> selfLookup(width))
                .thenCompose(again -> pastDeadReferrals(bootstrap, width, retries - 1, again));
    }

    private CompletableFuture<LookupResult> selfLookup() {
        return selfLookup(config.k());
    }

    /** A lookup of our own id that confirms the {@code width} nearest nodes it finds (k, or the leaf set's worth on joining). */
    private CompletableFuture<LookupResult> selfLookup(int width) {
        return count(selfLookupEnds(width).closest());
    }

    /** A lookup of our own id, counted, confirming the {@code width} nearest nodes it finds (above k on joining). */
    private IterativeLookup.Ends selfLookupEnds(int width) {
        stats.selfLookups.increment();
        lastSelfLookupNanos = now();
        lookupStarted(self.id());
        return beginIterative(self.id(), width, 1);
    }

    /** After joining: look up a random id in every bucket farther away than our closest neighbour, as the paper does. */
    private CompletableFuture<Void> refreshFartherThanClosestNeighbour(LookupResult selfLookup) {
        Contact neighbour = null;
        for (Contact c : selfLookup.closest()) {
            if (!c.id().equals(self.id())) {
                neighbour = c;
                break;
            }
        }
        if (neighbour == null) {
            return CompletableFuture.completedFuture(null);
        }
        int own = table.bucketIndex(neighbour.id());
        // With b = 1 the buckets before our neighbour's; with b > 1 also the others of its level.
        int end = config.bitsPerHop() == 1 ? own : table.lastSlotOfLevel(own) + 1;
        List<CompletableFuture<LookupResult>> refreshes = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (i != own && table.slotExists(i)) {
                stats.bucketRefreshes.increment();
                refreshes.add(iterativeLookup(table.randomIdInBucket(i, random), 1));
            }
        }
        return CompletableFuture.allOf(refreshes.toArray(CompletableFuture[]::new));
    }

    private void startMaintenance() {
        if (maintenance != Cancellable.NONE || stopped) {
            return;
        }
        lastSelfLookupNanos = now();
        long period = config.maintenancePeriod().toNanos();
        // Spread the nodes' maintenance over the period so a simulation has no synchronized bursts.
        Duration first = Duration.ofNanos(1 + random.nextLong(period));
        maintenance = scheduler.scheduleAtFixedRate(first, config.maintenancePeriod(), this::maintain);
        if (!config.has(KademliaExtra.SUSPECT_PROBES)) {
            return;
        }
        Duration probeEvery = config.suspects().probeInterval();
        suspectProbes = scheduler.scheduleAtFixedRate(Duration.ofNanos(1 + random.nextLong(probeEvery.toNanos())),
                probeEvery, () -> contacts.probeSuspect(this::selfLookupThrough));
    }

    private void maintain() {
        if (stopped) {
            return;
        }
        long now = now();
        for (int index : table.bucketsToRefresh(now, config.bucketRefreshInterval().toNanos())) {
            stats.bucketRefreshes.increment();
            iterativeLookup(table.randomIdInBucket(index, random), 1);
        }
        if (config.has(KademliaExtra.LEAF_SET) && now - lastSelfLookupNanos >= config.leafSetRefreshInterval().toNanos()) {
            selfLookup();
        }
    }

    private void shutDown() {
        if (stopped) {
            return;
        }
        stopped = true;
        contacts.close();
        maintenance.cancel();
        suspectProbes.cancel();
        recursive.closeAll();
        rpc.close();
    }

    private long now() {
        return scheduler.clock().nanoTime();
    }

    <T> CompletableFuture<T> onNode(Supplier<CompletableFuture<T>> work) {
        if (scheduler.inNodeThread()) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                work.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        out.completeExceptionally(failure);
                    } else {
                        out.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "KademliaNode[" + self() + "]";
    }
}
