package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.LookupDone;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.time.Cancellable;
import io.chordia.routing.lookup.LookupResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Recursive Chord lookups: each hop acknowledges the query, then forwards it to the closest
 * preceding node that answers (routing around dead ones hop by hop); the node whose successor owns
 * the key sends {@link LookupDone} straight to the origin. The origin waits
 * {@code lookupTimeout} per attempt and retries with a fresh lookup id.
 *
 * <p>The answer goes to the origin the query names, not to a datagram's source, so the first hop
 * routes only a query its origin sent itself from an address that proved it is real
 * ({@link io.chordia.core.rpc.RpcEndpoint#isVerified}: it answered a request of ours there), and
 * refuses the rest; a refused origin looks up iteratively instead. A spoofed query therefore
 * cannot aim a {@link LookupDone} at a third party.
 *
 * <p>Node-thread confined.
 */
final class RecursiveChordLookups {
    private static final int FORWARD_CANDIDATES = 4;

    private final ChordNode node;
    private final Map<Long, Pending> pending = new HashMap<>();

    private static final class Pending {
        final NodeId key;
        final CompletableFuture<LookupResult> future;
        final int attempt;
        Cancellable timer = Cancellable.NONE;
        int messages;

        Pending(NodeId key, CompletableFuture<LookupResult> future, int attempt) {
            this.key = key;
            this.future = future;
            this.attempt = attempt;
        }
    }

    RecursiveChordLookups(ChordNode node) {
        this.node = node;
    }

    CompletableFuture<LookupResult> start(NodeId key) {
        CompletableFuture<LookupResult> future = new CompletableFuture<>();
        attempt(key, future, 1, 0);
        return future;
    }

    private void attempt(NodeId key, CompletableFuture<LookupResult> future, int attempt, int messagesSoFar) {
        long lookupId = node.random().nextLong();
        Pending p = new Pending(key, future, attempt);
        p.messages = messagesSoFar;
        pending.put(lookupId, p);
        p.timer = node.scheduler().schedule(node.config().lookupTimeout(), () -> {
            if (pending.remove(lookupId) != p) {
                return;
            }
            if (attempt < node.config().lookupAttempts()) {
                attempt(key, future, attempt + 1, p.messages);
            } else {
                future.complete(new LookupResult(key, LookupResult.Status.TIMEOUT, List.of(), 0, p.messages, List.of()));
            }
        });
        route(new RouteLookup(key, lookupId, node.self(), 0, List.of()));
    }

    /** A hop arrived: acknowledge now, route after the reply is on its way. */
    Ack onRouteLookup(RouteLookup request, RequestContext context) {
        if (!node.isJoined()) {
            throw new RequestRefusedException(ErrorCode.REFUSED, "not part of the ring yet");
        }
        if (request.hops() == 1) {
            if (!(request.origin().id().equals(context.sender().id())
                    && request.origin().address().equals(context.source()))) {
                throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "a first hop must come from its origin");
            }
            if (!node.rpc().isVerified(context.source())) {
                // A source can be spoofed; one that answered us cannot. The guard's ping verifies it for next time.
                throw new RequestRefusedException(ErrorCode.REFUSED, "origin not verified yet: look up iteratively");
            }
        }
        node.scheduler().execute(() -> route(request));
        return new Ack();
    }

    /** The answer to one of our lookups. */
    Ack onLookupDone(LookupDone done, RequestContext context) {
        Pending p = pending.get(done.lookupId());
        if (p != null && p.key.equals(done.key())) {
            pending.remove(done.lookupId());
            p.timer.cancel();
            // Messages: the origin's own forwards, then one per node on the path (a forward or the answer).
            p.future.complete(new LookupResult(done.key(), LookupResult.Status.OK, done.owners(), done.hops(),
                    p.messages + done.path().size(), done.path()));
        }
        return new Ack();
    }

    private void route(RouteLookup request) {
        if (node.isStopped()) {
            return;
        }
        ChordState state = node.state();
        NodeId key = request.key();
        if (state.isAlone() || state.owns(key)) {
            finish(request, state.selfAndSuccessors(NextHop.MAX_NODES));
        } else if (state.successorOwns(key)) {
            finish(request, state.successorsUpTo(NextHop.MAX_NODES));
        } else {
            if (request.hops() >= IterativeChordLookup.MAX_HOPS) {
                return; // going in circles on inconsistent state: let the origin retry
            }
            RouteLookup forwarded = new RouteLookup(key, request.lookupId(), request.origin(), request.hops() + 1,
                    withSelf(request));
            forward(forwarded, state.closestPreceding(key, FORWARD_CANDIDATES), 0);
        }
    }

    private void forward(RouteLookup request, List<Contact> candidates, int index) {
        if (index >= candidates.size()) {
            return; // nobody to forward to; the origin's timeout retries
        }
        Contact next = candidates.get(index);
        countMessage(request);
        // The ack only says the hop is alive: wait its round-trip timeout, then try the next candidate.
        RpcConfig callConfig = node.rpc().roundTrips().forPeer(next.address(), node.config().lookupRpc());
        node.rpc().exchange(next.address(), next.id(), request, callConfig)
                .whenComplete((ack, failure) -> {
                    if (failure == null) {
                        return;
                    }
                    if (request.hops() == 1 && failure instanceof RemoteErrorException) {
                        // Our own first hop is alive and will not route for us (not verified, not joined, ...).
                        fallBackToIterative(request.lookupId());
                    } else {
                        node.onContactFailed(next);
                        forward(request, candidates, index + 1);
                    }
                });
    }

    private void fallBackToIterative(long lookupId) {
        Pending p = pending.remove(lookupId);
        if (p == null) {
            return;
        }
        p.timer.cancel();
        node.lookupIterative(p.key).whenComplete((result, failure) -> {
            if (failure == null) {
                p.future.complete(result);
            } else {
                p.future.completeExceptionally(failure);
            }
        });
    }

    private void finish(RouteLookup request, List<Contact> owners) {
        List<Contact> path = withSelf(request);
        // Hops count the nodes traversed up to and including the owner, as in the Chord paper.
        int hops = request.hops() + (owners.get(0).id().equals(node.self().id()) ? 0 : 1);
        LookupDone done = new LookupDone(request.lookupId(), request.key(), owners, Math.min(hops, RouteLookup.MAX_HOPS), path);
        if (request.origin().id().equals(node.self().id())) {
            onLookupDone(done, null);
        } else {
            node.rpc().call(request.origin(), done);
        }
    }

    /** The path with this node appended, unless this node is the origin (hop 0) or the path is full. */
    private List<Contact> withSelf(RouteLookup request) {
        if (request.hops() == 0 || request.path().size() >= RouteLookup.MAX_PATH) {
            return request.path();
        }
        List<Contact> path = new ArrayList<>(request.path());
        path.add(node.self());
        return path;
    }

    private void countMessage(RouteLookup request) {
        if (request.origin().id().equals(node.self().id())) {
            Pending p = pending.get(request.lookupId());
            if (p != null) {
                p.messages++;
            }
        }
    }

    /** Fails every pending lookup (the node stopped). */
    void close() {
        for (Pending p : pending.values().toArray(Pending[]::new)) {
            p.timer.cancel();
            p.future.complete(new LookupResult(p.key, LookupResult.Status.FAILED, List.of(), 0, p.messages, List.of()));
        }
        pending.clear();
    }
}
