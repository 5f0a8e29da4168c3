package io.chordia.routing.chord;

import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.NetworkSizeEstimate;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.Leaving;
import io.chordia.core.message.LookupDone;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.Notify;
import io.chordia.core.message.Ping;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;

import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.core.util.Checks;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.lookup.SlowQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;

/**
 * A Chord peer: ring state, its maintenance, lookups in both styles, join and graceful leave,
 * over any {@link Transport}. Everything runs on the node thread given by the scheduler.
 */
public final class ChordNode implements OverlayNode, RingMember {
    private final NetworkSizeEstimate networkSize =
            new NetworkSizeEstimate(KeyDistance.CLOCKWISE);
    private final ChordConfig config;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Transport transport;
    private final RpcEndpoint rpc;
    private final ChordState state;
    private final RingMaintenance maintenance;
    private final RecursiveChordLookups recursive;
    private final SlowQueries slowQueries = new SlowQueries();
    private final RingUnification unification;
    private boolean joined;
    private boolean stopped;

    public ChordNode(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random, ChordConfig config) {
        this.config = Checks.notNull(config, "config");
        this.scheduler = Checks.notNull(scheduler, "scheduler");
        this.random = Checks.notNull(random, "random");
        this.transport = Checks.notNull(transport, "transport");
        this.rpc = new RpcEndpoint(self, transport, scheduler, random, config.maintenanceRpc());
        this.state = new ChordState(rpc::self, config.successorListLength(), config.predecessorListLength());
        this.maintenance = new RingMaintenance(this);
        this.recursive = new RecursiveChordLookups(this);
        this.unification = new RingUnification(this);
        rpc.register(GetNeighbors.class, maintenance::onGetNeighbors);
        rpc.register(Notify.class, maintenance::onNotify);
        rpc.register(Leaving.class, maintenance::onLeaving);
        rpc.register(FindSuccessor.class, this::onFindSuccessor);
        rpc.register(RouteLookup.class, recursive::onRouteLookup);
        rpc.register(LookupDone.class, recursive::onLookupDone);
    }

    @Override
    public Contact self() {
        return rpc.self();
    }

    public ChordConfig config() {
        return config;
    }

    @Override
    public int successorListLength() {
        return config.successorListLength();
    }

    public RpcEndpoint rpc() {
        return rpc;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    RandomGenerator random() {
        return random;
    }

    ChordState state() {
        return state;
    }

    boolean isStopped() {
        return stopped;
    }

    /** True once the node holds a successor list taken from its successor (or started a ring). */
    public boolean isJoined() {
        return joined;
    }

    @Override
    public CompletableFuture<Void> join(List<Address> bootstrap) {
        return onNode(() -> {
            Checks.check(!joined && !stopped, "%s has already joined or stopped", self());
            if (bootstrap.isEmpty()) {
                joined = true;
                startMaintenance();
                return CompletableFuture.<Void>completedFuture(null);
            }
            return joinThrough(new ArrayList<>(bootstrap), 0, null);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> joinThrough(List<Address> bootstrap, int index, Throwable lastFailure) {
        // Each bootstrap address gets lookupAttempts tries, round robin: a lost datagram must not fail a join.
        if (index >= bootstrap.size() * config.lookupAttempts()) {
            Throwable cause = lastFailure instanceof CompletionException && lastFailure.getCause() != null
                    ? lastFailure.getCause() : lastFailure;
            return CompletableFuture.failedFuture(new java.io.IOException("could not join through " + bootstrap
                    + " (" + config.lookupAttempts() + " attempts each); last failure: " + cause, cause));
        }
        Address via = bootstrap.get(index % bootstrap.size());
        return rpc.exchange(via, null, new Ping(), config.maintenanceRpc())
                // A join is not in a hurry: its hops retry like maintenance calls, not like lookups,
                // and route around dead nodes whatever the profile (the paper measures lookups, not joins).
                .thenCompose(pong -> IterativeChordLookup.start(rpc, self().id(), List.of(pong.responder()),
                        List.of(), config.maintenanceRpc(), this::onContactFailed, slowQueries, true, config.confirmOwner(),
                        this::answerFindSuccessor))
                .thenCompose(found -> {
                    if (!found.succeeded()) {
                        throw new CompletionException(new java.io.IOException("could not find our successor via " + via + ": " + found));
                    }
                    // Zave: the joiner takes its successor's list before it counts as joined. The
                    // answer may name a successor that died since: take the first that answers. A
                    // node restarting with its old id may still be listed: skip its old self.
                    List<Contact> candidates = found.closest().stream()
                            .filter(c -> !c.id().equals(self().id())).toList();
                    return adoptFirstLive(candidates, 0);
                })
                .exceptionallyCompose(failure -> later(config.stabilizeInterval())
                        .thenCompose(ignored -> joinThrough(bootstrap, index + 1, failure)));
    }

    private void startMaintenance() {
        maintenance.start();
        unification.start();
    }

    /** Completes on the node thread after {@code delay}: a retry gives a ring in flux time to settle. */
    private CompletableFuture<Void> later(java.time.Duration delay) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.schedule(delay, () -> done.complete(null));
        return done;
    }

    private CompletableFuture<Void> adoptFirstLive(List<Contact> candidates, int index) {
        if (index >= candidates.size()) {
            return CompletableFuture.failedFuture(new java.io.IOException("no live successor among " + candidates));
        }
        Contact successor = candidates.get(index);
        return rpc.call(successor, new GetNeighbors())
                .thenApply(n -> adoptOnJoin(successor, n))
                .exceptionallyCompose(failure -> adoptFirstLive(candidates, index + 1));
    }

    private Void adoptOnJoin(Contact successor, Neighbors neighbors) {
        state.adoptSuccessors(successor, neighbors.successors());
        joined = true;
        startMaintenance();
        maintenance.stabilize();
        if (config.announceJoins() && !neighbors.predecessors().isEmpty()) {
            maintenance.announceTo(neighbors.predecessors().get(0));
        }
        if (config.predecessorFromList()) {
            maintenance.adoptPredecessorOnJoin(neighbors.predecessors());
        }
        return null;
    }

    /**
     * Makes this node a member of a ring formed from a global view, as if it had joined and
     * stabilized: for simulations that start from a ring of at least r+1 nodes (Zave's condition)
     * or measure lookups on a converged ring. {@code ringInOrder} must be sorted by id.
     */
    public void installConvergedState(List<Contact> ringInOrder, boolean withFingers) {
        scheduler.checkOnNodeThread();
        int n = ringInOrder.size();
        int me = indexOf(ringInOrder, self().id());
        Checks.check(me >= 0, "%s is not in the ring given", self());
        List<Contact> succ = new ArrayList<>();
        for (int i = 1; i < n && succ.size() < config.successorListLength(); i++) {
            succ.add(ringInOrder.get((me + i) % n));
        }
        List<Contact> pred = new ArrayList<>();
        for (int i = 1; i < n && pred.size() < config.predecessorListLength(); i++) {
            pred.add(ringInOrder.get(((me - i) % n + n) % n));
        }
        if (!succ.isEmpty()) {
            state.adoptSuccessors(succ.get(0), succ.subList(1, succ.size()));
            state.adoptPredecessors(pred.get(0), pred.subList(1, pred.size()));
        }
        if (withFingers && n > 1) {
            for (int i = 0; i < NodeId.BITS; i++) {
                state.setFinger(i, SortedRing.successorOf(ringInOrder, self().id().plusPowerOfTwo(i)));
            }
        }
        if (!joined) {
            joined = true;
            startMaintenance();
        }
    }

    /** Binary search, not a scan: building a converged ring of n nodes calls this n times. */
    private static int indexOf(List<Contact> ringInOrder, NodeId id) {
        if (ringInOrder.isEmpty()) {
            return -1;
        }
        int i = SortedRing.successorIndex(ringInOrder, id);
        return ringInOrder.get(i).id().equals(id) ? i : -1;
    }

    @Override
    public CompletableFuture<LookupResult> lookup(NodeId key, LookupStyle style) {
        return onNode(() -> style == LookupStyle.RECURSIVE ? recursive.start(key) : lookupIterative(key))
                .thenCompose(f -> f).whenComplete((result, failure) -> networkSize.recordLookup(key, result, failure));
    }

    @Override
    public double networkSizeEstimate() {
        return networkSize.fromLookups();
    }

    @Override
    public int networkSizeLookups() {
        return networkSize.lookupsPooled();
    }

    public CompletableFuture<LookupResult> lookup(NodeId key) {
        return lookup(key, config.lookupStyle());
    }

    CompletableFuture<LookupResult> lookupIterative(NodeId key) {
        if (state.isAlone() || state.owns(key)) {
            return CompletableFuture.completedFuture(new LookupResult(key, LookupResult.Status.OK,
                    state.selfAndSuccessors(NextHop.MAX_NODES), 0, 0, List.of()));
        }
        if (state.successorOwns(key)) {
            return CompletableFuture.completedFuture(new LookupResult(key, LookupResult.Status.OK,
                    state.successorsUpTo(NextHop.MAX_NODES), 1, 0, List.of()));
        }
        List<Contact> first = state.closestPreceding(key, 4, config.routeViaSuccessorList());
        return IterativeChordLookup.start(rpc, key, first.isEmpty() ? List.of(state.successor()) : first,
                state.successors(), config.lookupRpc(), this::onContactFailed, slowQueries, config.lookupsRouteAround(),
                config.confirmOwner(), this::answerFindSuccessor);
    }

    private NextHop onFindSuccessor(FindSuccessor request, RequestContext context) {
        if (!joined) {
            // A node still joining knows nothing of the ring: answering "mine" would mislead.
            throw new io.chordia.core.rpc.RequestRefusedException(io.chordia.core.message.ErrorCode.REFUSED,
                    "not part of the ring yet");
        }
        return answerFindSuccessor(request.key());
    }

    /** This node's answer to FindSuccessor for {@code key}: a lookup it started asks itself this way too. */
    NextHop answerFindSuccessor(NodeId key) {
        if (state.isAlone() || state.owns(key)) {
            return new NextHop(true, state.selfAndSuccessors(NextHop.MAX_NODES));
        }
        if (state.successorOwns(key)) {
            return new NextHop(true, state.successorsUpTo(NextHop.MAX_NODES));
        }
        if (config.confirmOwner()) {
            // The asker confirms with the owner itself, so a later entry of our lists is as good an
            // answer as the first successor, and a hop sooner.
            List<Contact> owners = state.ownerAmongSuccessors(key, NextHop.MAX_NODES);
            if (owners.isEmpty() || state.listsWrap()) {
                // In a ring no longer than our lists both can name the key's owner, and only the predecessors'
                // answer names us after it: with that owner just dead (we have not noticed yet) it makes us its
                // heir (see OwnerClaims). The successors' answer alone denied the key, and a lookup from us right
                // after a kill in a ring of five found no owner (ChordKilledOwnerSimTest).
                List<Contact> fromPredecessors = state.ownerAmongPredecessors(key, NextHop.MAX_NODES);
                owners = fromPredecessors.isEmpty() ? owners : fromPredecessors;
            }
            if (!owners.isEmpty()) {
                return new NextHop(true, owners);
            }
        }
        List<Contact> closer = state.closestPreceding(key, 4, config.routeViaSuccessorList());
        return new NextHop(false, closer.isEmpty() ? List.of(state.successor()) : closer);
    }

    /**
     * A contact did not answer: stop routing through it, and suspect it (a partition looks like
     * death; see {@link RingUnification}). Successors change only by stabilize.
     */
    void onContactFailed(Contact contact) {
        state.forgetFinger(contact.id());
        unification.suspect(contact);
    }

    /** Lookup hops that outlived their round-trip timeout, and late answers to them. */
    public SlowQueries slowQueries() {
        return slowQueries;
    }

    /** Times this node adopted a successor from another ring after a partition; node thread. */
    public long ringMerges() {
        return unification.merges();
    }

    @Override
    public CompletableFuture<List<Contact>> leafSet(int perSide) {
        return onNode(() -> {
            List<Contact> out = new ArrayList<>(state.successorsUpTo(perSide));
            List<Contact> pred = state.predecessors();
            for (int i = 0; i < Math.min(perSide, pred.size()); i++) {
                if (!out.contains(pred.get(i))) {
                    out.add(pred.get(i));
                }
            }
            return out;
        });
    }

    /** The successor list, read on the node thread: safe from any thread. */
    public CompletableFuture<List<Contact>> successorList() {
        return onNode(state::successors);
    }

    /** The predecessor list, nearest first, read on the node thread: safe from any thread. */
    public CompletableFuture<List<Contact>> predecessorList() {
        return onNode(state::predecessors);
    }

    /** The successor list; node thread only (the simulator's invariant checker). */
    @Override
    public List<Contact> successors() {
        return state.successors();
    }

    /** The predecessor list, nearest first; node thread. */
    public List<Contact> predecessors() {
        return state.predecessors();
    }

    /** The predecessor or {@code null}; node thread. */
    @Override
    public Contact predecessor() {
        return state.predecessor();
    }

    /** Finger {@code i} or {@code null}; node thread. */
    public Contact finger(int i) {
        return state.finger(i);
    }

    @Override
    public CompletableFuture<Void> leave() {
        return onNode(() -> {
            if (stopped) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Leaving leaving = new Leaving(state.predecessors(), state.successors());
            List<CompletableFuture<?>> told = new ArrayList<>();
            Contact p = state.predecessor();
            if (p != null) {
                told.add(rpc.call(p, leaving));
            }
            if (!state.isAlone() && (p == null || !p.id().equals(state.successor().id()))) {
                told.add(rpc.call(state.successor(), leaving));
            }
            // Tell them, then stop whatever they answered: a leave must not hang on a dead neighbour.
            return CompletableFuture.allOf(told.stream().map(f -> f.handle((r, e) -> null))
                    .toArray(CompletableFuture[]::new)).thenRun(this::stopNow);
        }).thenCompose(f -> f);
    }

    @Override
    public void stop() {
        if (scheduler.inNodeThread()) {
            stopNow();
        } else {
            scheduler.execute(this::stopNow);
        }
    }

    private void stopNow() {
        if (stopped) {
            return;
        }
        stopped = true;
        maintenance.stop();
        unification.stop();
        recursive.close();
        rpc.close();
        transport.close();
    }

    private <T> CompletableFuture<T> onNode(Supplier<T> work) {
        if (scheduler.inNodeThread()) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                out.complete(work.get());
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "ChordNode[" + self() + "]";
    }

}
