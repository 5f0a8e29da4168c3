package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.RecursiveFindNodeDone;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.time.Cancellable;
import io.chordia.routing.lookup.LookupResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Recursive lookups, both roles. The origin sends a {@link RecursiveFindNode} to its closest
 * contact; each hop acknowledges at once, then forwards to the closest contact it knows that is
 * XOR-closer to the target than itself, trying the next one when a hop does not acknowledge.
 * Distances strictly decrease, so there are no loops. A hop that knows no closer live contact is
 * the last: it sends its k closest (itself included) straight to the origin in a
 * {@link RecursiveFindNodeDone}. The origin retries through another first hop when no answer
 * comes in time, and gives up with {@code TIMEOUT}.
 *
 * <p>The answer goes to an address the request names, not to a datagram's source, so the first hop
 * answers only an origin that sent the request itself from an address that proved it is real
 * ({@link RpcEndpoint#isVerified}: it answered a request of ours there); otherwise it refuses, and
 * the origin looks up iteratively instead. A spoofed request therefore cannot aim an answer at a
 * third party: the later hops forward only what a first hop accepted.
 *
 * <p>The origin learns the hop count and the number of requests along the chain, not the path.
 * Node thread only.
 */
final class RecursiveLookups {
    private static final int RECENT_FORWARDS = 4096;

    private record HopKey(long lookupId, int hops) {}

    private static final class Pending {
        final long lookupId;
        final NodeId target;
        final int count;
        final CompletableFuture<LookupResult> future = new CompletableFuture<>();
        final Set<NodeId> triedFirstHops = new HashSet<>();
        int attempts;
        int sent;
        Cancellable timer = Cancellable.NONE;

        Pending(long lookupId, NodeId target, int count) {
            this.lookupId = lookupId;
            this.target = target;
            this.count = count;
        }
    }

    private final KademliaNode node;
    private final RpcEndpoint rpc;
    private final KademliaConfig config;
    private final KademliaStats stats;
    /** Lookup only, never iterated. */
    private final Map<Long, Pending> pending = new HashMap<>();
    /** Forwards already handled, so a retransmitted request is not forwarded twice. */
    private final Map<HopKey, Boolean> recentForwards = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<HopKey, Boolean> eldest) {
            return size() > RECENT_FORWARDS;
        }
    };

    RecursiveLookups(KademliaNode node, RpcEndpoint rpc, KademliaConfig config, KademliaStats stats) {
        this.node = node;
        this.rpc = rpc;
        this.config = config;
        this.stats = stats;
    }

    // ---- origin -------------------------------------------------------------------------------

    CompletableFuture<LookupResult> start(NodeId target, int count) {
        long lookupId;
        do {
            lookupId = node.random().nextLong();
        } while (pending.containsKey(lookupId));
        Pending p = new Pending(lookupId, target, count);
        pending.put(lookupId, p);
        attempt(p);
        return p.future;
    }

    /** Fails every lookup still waiting (the node stops). */
    void closeAll() {
        for (Pending p : new ArrayList<>(pendingInOrder())) {
            complete(p, new LookupResult(p.target, LookupResult.Status.FAILED, List.of(), 0, p.sent, List.of()));
        }
    }

    private List<Pending> pendingInOrder() {
        List<Pending> out = new ArrayList<>(pending.values());
        out.sort((a, b) -> Long.compare(a.lookupId, b.lookupId));
        return out;
    }

    private void attempt(Pending p) {
        p.attempts++;
        if (p.attempts == 1 && config.leafSetShortcut() && node.leafSetCovers(p.target, p.count)) {
            // The key is in our own neighbourhood: our leaf set is the answer.
            complete(p, new LookupResult(p.target, LookupResult.Status.OK, node.closestWithSelf(p.target, p.count),
                    0, 0, List.of(node.self())));
            return;
        }
        List<Contact> firstHops = new ArrayList<>();
        for (Contact c : closerThanSelf(p.target, config.k())) {
            if (!p.triedFirstHops.contains(c.id())) {
                firstHops.add(c);
            }
        }
        if (firstHops.isEmpty()) {
            if (p.triedFirstHops.isEmpty()) {
                // We are the closest node we know of: the answer is ours.
                complete(p, new LookupResult(p.target, LookupResult.Status.OK, node.closestWithSelf(p.target, p.count),
                        0, 0, List.of(node.self())));
            } else {
                complete(p, new LookupResult(p.target, LookupResult.Status.FAILED, List.of(), 0, p.sent, List.of()));
            }
            return;
        }
        p.timer.cancel();
        p.timer = rpc.scheduler().schedule(config.recursiveTimeout(), () -> onTimeout(p));
        sendFirstHop(p, firstHops, 0);
    }

    private void sendFirstHop(Pending p, List<Contact> firstHops, int i) {
        if (p.future.isDone()) {
            return;
        }
        if (i >= firstHops.size() || i >= config.maxForwardTries()) {
            // No first hop acknowledged: try others now rather than wait for the timer.
            if (p.attempts < config.recursiveAttempts()) {
                attempt(p);
            } else {
                complete(p, new LookupResult(p.target, LookupResult.Status.FAILED, List.of(), 0, p.sent, List.of()));
            }
            return;
        }
        Contact hop = firstHops.get(i);
        p.triedFirstHops.add(hop.id());
        p.sent++;
        RecursiveFindNode request = new RecursiveFindNode(p.target, p.count, p.lookupId, node.self(), 1, 1);
        // Each send waits the hop's round-trip timeout if that is shorter: other first hops are waiting to be tried.
        RpcConfig callConfig = rpc.roundTrips().forPeer(hop.address(), config.hopRpc());
        rpc.exchange(hop.address(), hop.id(), request, callConfig).whenComplete((reply, failure) -> {
            if (failure == null) {
                node.answered(hop);
            } else if (failure instanceof RemoteErrorException) {
                node.answered(hop); // alive, and will not route for us (not verified yet, ...): ask iteratively
                fallBackToIterative(p);
            } else {
                node.requestFailed(hop, failure);
                sendFirstHop(p, firstHops, i + 1);
            }
        });
    }

    private void fallBackToIterative(Pending p) {
        if (p.future.isDone()) {
            return;
        }
        pending.remove(p.lookupId);
        p.timer.cancel();
        stats.recursiveFallbacks.increment();
        node.iterativeWithoutCounting(p.target, config.disjointPaths()).whenComplete((result, failure) -> {
            if (failure == null) {
                p.future.complete(result);
            } else {
                p.future.completeExceptionally(failure);
            }
        });
    }

    private void onTimeout(Pending p) {
        if (p.future.isDone()) {
            return;
        }
        if (p.attempts < config.recursiveAttempts()) {
            stats.recursiveRetries.increment();
            attempt(p);
        } else {
            stats.recursiveTimeouts.increment();
            complete(p, new LookupResult(p.target, LookupResult.Status.TIMEOUT, List.of(), 0, p.sent, List.of()));
        }
    }

    /** The last hop's answer; acknowledged whether or not we still wait for it, so it stops resending. */
    Ack handleDone(RecursiveFindNodeDone done, RequestContext ctx) {
        node.observeSender(ctx);
        Pending p = pending.get(done.lookupId());
        if (p == null || !p.target.equals(done.target())) {
            stats.unmatchedRecursiveAnswers.increment();
            return new Ack();
        }
        List<Contact> closest = new ArrayList<>(done.closest().size() + 1);
        for (Contact c : done.closest()) {
            if (!c.id().equals(node.self().id())) {
                closest.add(c);
            }
        }
        closest.add(node.self());
        closest = IdOrder.closestDistinct(closest, p.target, p.count);
        Contact last = new Contact(ctx.sender().id(), ctx.source());
        int messages = done.sent() + p.sent - 1;
        complete(p, new LookupResult(p.target, LookupResult.Status.OK, closest, done.hops(), messages, List.of(last)));
        return new Ack();
    }

    private void complete(Pending p, LookupResult result) {
        pending.remove(p.lookupId);
        p.timer.cancel();
        p.future.complete(result);
    }

    // ---- hop ----------------------------------------------------------------------------------

    /** Acknowledges at once; the forwarding (or the answer to the origin) runs right after. */
    Ack handleForward(RecursiveFindNode request, RequestContext ctx) {
        if (request.hops() == 1 && !(request.origin().id().equals(ctx.sender().id())
                && request.origin().address().equals(ctx.source()))) {
            // The first hop must come from the origin itself, or we would answer a victim's address.
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "a first hop must come from its origin");
        }
        if (request.hops() == 1 && !rpc.isVerified(ctx.source())) {
            // A source can be spoofed; one that answered us cannot. Our ping (the guard's) verifies it for next time.
            stats.recursiveRefusals.increment();
            throw new RequestRefusedException(ErrorCode.REFUSED, "origin not verified yet: look up iteratively");
        }
        node.observeSender(ctx);
        if (recentForwards.put(new HopKey(request.lookupId(), request.hops()), Boolean.TRUE) == null) {
            rpc.scheduler().execute(() -> forward(request));
        }
        return new Ack();
    }

    private void forward(RecursiveFindNode request) {
        if (config.leafSetShortcut() && node.leafSetCovers(request.target(), request.count())) {
            answerOrigin(request, List.of()); // our leaf set holds the answer: no need to go closer
            return;
        }
        List<Contact> next = new ArrayList<>();
        for (Contact c : closerThanSelf(request.target(), config.k())) {
            if (!c.id().equals(request.origin().id())) {
                next.add(c);
            }
        }
        tryForward(request, next, 0, new ArrayList<>());
    }

    private void tryForward(RecursiveFindNode request, List<Contact> next, int i, List<NodeId> failedHere) {
        if (i >= next.size() || i >= config.maxForwardTries() || request.hops() >= RecursiveFindNode.MAX_HOPS) {
            answerOrigin(request, failedHere);
            return;
        }
        Contact hop = next.get(i);
        int sent = Math.min(RecursiveFindNode.MAX_SENT, request.sent() + failedHere.size() + 1);
        RecursiveFindNode forwarded = new RecursiveFindNode(request.target(), request.count(), request.lookupId(),
                request.origin(), request.hops() + 1, sent);
        stats.forwards.increment();
        RpcConfig callConfig = rpc.roundTrips().forPeer(hop.address(), config.hopRpc());
        rpc.exchange(hop.address(), hop.id(), forwarded, callConfig).whenComplete((reply, failure) -> {
            if (failure == null) {
                node.answered(hop);
            } else {
                node.requestFailed(hop, failure);
                failedHere.add(hop.id());
                tryForward(request, next, i + 1, failedHere);
            }
        });
    }

    private void answerOrigin(RecursiveFindNode request, List<NodeId> failedHere) {
        List<Contact> closest = new ArrayList<>();
        for (Contact c : node.closestWithSelf(request.target(), request.count() + failedHere.size())) {
            if (!failedHere.contains(c.id())) {
                closest.add(c);
            }
        }
        if (closest.size() > request.count()) {
            closest = closest.subList(0, request.count());
        }
        int sent = Math.min(RecursiveFindNode.MAX_SENT, request.sent() + failedHere.size() + 1);
        RecursiveFindNodeDone done = new RecursiveFindNodeDone(request.lookupId(), request.target(), request.hops(),
                sent, closest);
        stats.recursiveAnswers.increment();
        Contact origin = request.origin();
        rpc.exchange(origin.address(), origin.id(), done, config.rpc()).whenComplete((reply, failure) -> {
            if (failure == null) {
                node.answered(origin);
            } else {
                node.requestFailed(origin, failure);
            }
        });
    }

    /** Our live contacts XOR-closer to {@code target} than we are, closest first. */
    private List<Contact> closerThanSelf(NodeId target, int count) {
        NodeId ours = node.self().id().xor(target);
        List<Contact> out = new ArrayList<>();
        for (Contact c : node.closestKnown(target, count)) {
            if (c.id().xor(target).compareTo(ours) >= 0) {
                break;
            }
            out.add(c);
        }
        return out;
    }
}
