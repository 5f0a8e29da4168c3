package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.net.Contact;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.rpc.Reply;
import io.chordia.core.rpc.ReplyCallback;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.rpc.RpcTimeoutException;
import io.chordia.core.time.Cancellable;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.lookup.SlowQueries;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An iterative Chord lookup: the origin asks each hop {@link FindSuccessor} itself. A hop that
 * does not answer is skipped for the next candidate the previous hop offered. When every closer
 * candidate a hop offered has failed, the lookup falls back to that hop's successor list: the
 * first successor past the key owns it (the dead ones before it are the ones that failed). It ends
 * when a hop says the key's successor is its own successor ({@code done}).
 *
 * <p>A hop that has not answered within its round-trip timeout (the RPC layer's estimate for its
 * address) counts as failed and the lookup moves on at once, but the request stays open until the
 * call's own timeout: a late answer that names the key's owner still ends the lookup, and other
 * late answers are only counted (the lookup has gone another way).
 *
 * <p>One instance is one lookup, on the node thread.
 */
final class IterativeChordLookup {
    /** A lookup that takes more hops than this is going in circles on inconsistent state. */
    static final int MAX_HOPS = 64;
    /** A node that failed this often in one lookup is not asked again in it. */
    static final int MAX_FAILURES_PER_NODE = 2;
    /**
     * A named owner that failed this often in one lookup is passed over for the next node. With 10% loss
     * each way one exchange in five fails: two tries handed about 4% of keys to the wrong node, three
     * still 1% (ChordFailureSimTest, seed 4), four about 0.2%. The tries after the first go out together
     * (see {@link #askAtOnce}).
     */
    static final int OWNER_TRIES = 4;

    /** The candidates one hop offered; {@code hop} is null for the origin's own. */
    private static final class Level {
        final Contact hop;
        final Deque<Contact> candidates;
        final List<Contact> hopSuccessors;
        boolean fellBack;
        /**
         * Set on a level of successors before the key taken from {@link #hopSuccessors}: once they
         * are exhausted, the owner is read from that list again, without the ones that failed.
         */
        boolean walksSuccessors;

        Level(Contact hop, Deque<Contact> candidates, List<Contact> hopSuccessors) {
            this.hop = hop;
            this.candidates = candidates;
            this.hopSuccessors = hopSuccessors;
        }
    }

    private final RpcEndpoint rpc;
    private final NodeId key;
    private final RpcConfig callConfig;
    private final Consumer<Contact> onDead;
    private final SlowQueries slowQueries;
    private final boolean routeAround;
    private final boolean confirmOwner;
    /** The origin's own answer to FindSuccessor: how it confirms an owner that is itself. */
    private final Function<NodeId, NextHop> localAnswer;
    private final Deque<Level> frontier = new ArrayDeque<>(8);
    /** Nodes that answered: never asked again. */
    private final NodeTally answered = new NodeTally();
    /** Nodes that did not answer, with how often: one lost datagram must not rule a node out. */
    private final NodeTally failures = new NodeTally();
    /** Whether each node that answered claimed the key, and on what condition. */
    private final OwnerClaims claims = new OwnerClaims();
    private final List<Contact> path = new ArrayList<>();
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private int messages;
    /** A named owner that denied the key but was named from a successor list: the answer if routing on finds none. */
    private List<Contact> bestGuess;

    private IterativeChordLookup(RpcEndpoint rpc, NodeId key, RpcConfig callConfig, Consumer<Contact> onDead,
                                 SlowQueries slowQueries, boolean routeAround, boolean confirmOwner,
                                 Function<NodeId, NextHop> localAnswer) {
        this.rpc = rpc;
        this.localAnswer = localAnswer;
        this.routeAround = routeAround;
        this.confirmOwner = confirmOwner;
        this.key = key;
        this.callConfig = callConfig;
        this.onDead = onDead;
        this.slowQueries = slowQueries;
    }

    /**
     * Starts from {@code firstHops} (closest preceding first).
     *
     * @param originSuccessors the origin's successor list, the fallback when every first hop fails
     * @param onDead           told of every contact that failed to answer, so the node can forget it
     * @param slowQueries      counts hops that outlived their round-trip timeout and late answers
     * @param routeAround      false: the first hop that fails to answer fails the lookup (the SIGCOMM'01
     *                         simulator's lookups, which do not retry)
     * @param confirmOwner     the lookup ends only once the owner it found has answered it (see {@link ChordConfig})
     * @param localAnswer      the origin's own answer to {@link FindSuccessor}, for an owner found that is the origin
     */
    static CompletableFuture<LookupResult> start(RpcEndpoint rpc, NodeId key, List<Contact> firstHops,
                                                 List<Contact> originSuccessors, RpcConfig callConfig,
                                                 Consumer<Contact> onDead, SlowQueries slowQueries,
                                                 boolean routeAround, boolean confirmOwner,
                                                 Function<NodeId, NextHop> localAnswer) {
        IterativeChordLookup lookup = new IterativeChordLookup(rpc, key, callConfig, onDead, slowQueries, routeAround,
                confirmOwner, localAnswer);
        lookup.frontier.push(new Level(null, new ArrayDeque<>(firstHops), originSuccessors));
        lookup.next();
        return lookup.result;
    }

    private void next() {
        if (result.isDone()) {
            return; // a late answer ended it while another hop was being asked
        }
        while (!frontier.isEmpty() && !hasCandidate(frontier.peek())) {
            Level exhausted = frontier.peek();
            if (!exhausted.fellBack) {
                exhausted.fellBack = true;
                fallBack(exhausted);
                return;
            }
            frontier.pop();
            if (exhausted.walksSuccessors) {
                ownerFromSuccessors(exhausted.hop, exhausted.hopSuccessors);
                return;
            }
        }
        if (frontier.isEmpty() || path.size() >= MAX_HOPS) {
            fail();
            return;
        }
        Contact hop = frontier.peek().candidates.poll();
        messages++;
        ask(hop, new FindSuccessor(key), (reply, failure) -> {
            if (failure != null) {
                failures.add(hop.id());
                onDead.accept(hop);
                if (routeAround) {
                    next();
                } else {
                    fail();
                }
            } else {
                onAnswer(hop, reply);
            }
        }, late -> {
            if (late.body().done() && !result.isDone()) {
                onAnswer(hop, late);
            }
        });
    }

    private void fail() {
        if (bestGuess != null) {
            complete(bestGuess);
            return;
        }
        result.complete(new LookupResult(key, LookupResult.Status.FAILED, List.of(), path.size(), messages, path));
    }

    /** Drops candidates not worth asking; true if one is left. */
    private boolean hasCandidate(Level level) {
        while (!level.candidates.isEmpty() && !isWorthAsking(level.candidates.peek().id())) {
            level.candidates.poll();
        }
        return !level.candidates.isEmpty();
    }

    private boolean isWorthAsking(NodeId id) {
        return answered.count(id) == 0 && failures.count(id) < MAX_FAILURES_PER_NODE;
    }

    /**
     * Every closer node the hop offered failed: the key's owner is the first node of the hop's
     * successor list past the key, unless a live node lies between.
     */
    private void fallBack(Level level) {
        if (level.hop == null) {
            ownerFromSuccessors(rpc.self(), level.hopSuccessors);
            return;
        }
        messages++;
        ask(level.hop, new GetNeighbors(), (reply, failure) -> {
            if (failure != null) {
                next();
            } else {
                ownerFromSuccessors(level.hop, reply.body().successors());
            }
        }, late -> { });
    }

    /**
     * Calls {@code hop}; {@code onDone} gets the answer, the failure, or a timeout once the hop's
     * round-trip timeout passes, whichever comes first. An answer after that goes to {@code onLate}.
     */
    private <R extends Response> void ask(Contact hop, Request<R> request, ReplyCallback<R> onDone,
                                          Consumer<Reply<R>> onLate) {
        SoftDeadline deadline = new SoftDeadline();
        rpc.exchange(hop.address(), hop.id(), request, callConfig, (reply, failure) -> {
            deadline.timer.cancel();
            if (!deadline.passed) {
                deadline.passed = true;
                onDone.done(reply, failure);
            } else if (reply != null) {
                slowQueries.lateAnswer();
                onLate.accept(reply);
            } else {
                slowQueries.neverAnswered();
            }
        });
        long softNanos = rpc.roundTrips().timeoutNanos(hop.address());
        // Only a single-attempt call is a lookup's probe; a call that retries (a join's) is patient by choice.
        // A lookup that cannot route around has nowhere to move on to: it waits for the answer or the
        // call's timeout, so a slow live hop does not fail it (the paper's lookups fail at dead nodes only).
        if (routeAround && !deadline.passed && callConfig.maxAttempts() == 1 && softNanos < callConfig.attemptTimeoutNanos(1)) {
            deadline.timer = rpc.scheduler().schedule(Duration.ofNanos(softNanos), () -> {
                if (!deadline.passed) {
                    deadline.passed = true;
                    slowQueries.slow();
                    onDone.done(null, new RpcTimeoutException(request.getClass().getSimpleName() + " to " + hop
                            + " not answered within its round-trip timeout"));
                }
            });
        }
    }

    /** Whether a call's outcome was given already (answer, failure or soft timeout), and the soft timer. */
    private static final class SoftDeadline {
        boolean passed;
        Cancellable timer = Cancellable.NONE;
    }

    /**
     * Reads the key's owner off {@code hop}'s successor list: the first successor past the key, once
     * every successor before the key has failed in this lookup. Successors before the key that have
     * not failed yet are asked first (they may know better); when those run out, this runs again.
     */
    private void ownerFromSuccessors(Contact hop, List<Contact> successors) {
        Deque<Contact> untried = new ArrayDeque<>();
        for (int i = 0; i < successors.size(); i++) {
            Contact s = successors.get(i);
            if (key.isInOpenClosed(hop.id(), s.id())) {
                if (!untried.isEmpty()) {
                    break; // live-looking nodes before the key: ask them first
                }
                List<Contact> owners = successors.subList(i, Math.min(successors.size(), i + NextHop.MAX_NODES));
                boolean viaHop = !hop.id().equals(rpc.self().id());
                if (confirmOwner) {
                    finish(owners, null);
                    return;
                }
                result.complete(new LookupResult(key, LookupResult.Status.OK, owners, path.size() + 1, messages,
                        viaHop ? path : List.of()));
                return;
            }
            // A node that failed once in this lookup counts as dead here: asking it again could only
            // fail again, and the list past it is the answer.
            if (answered.count(s.id()) == 0 && failures.count(s.id()) == 0 && !s.id().equals(rpc.self().id())) {
                untried.add(s);
            }
        }
        if (untried.isEmpty()) {
            next();
        } else {
            Level walk = new Level(hop, untried, successors);
            walk.fellBack = true;
            walk.walksSuccessors = true;
            frontier.push(walk);
            next();
        }
    }

    private void onAnswer(Contact hop, Reply<NextHop> reply) {
        answered.add(hop.id());
        path.add(hop);
        NextHop answer = reply.body();
        claims.record(hop, answer);
        if (answer.done() && confirmOwner) {
            finish(answer.nodes(), hop);
            return;
        }
        if (answer.done()) {
            // Hops count the nodes traversed up to and including the owner, as in the Chord paper.
            int hops = path.size() + (answer.nodes().get(0).id().equals(hop.id()) ? 0 : 1);
            result.complete(new LookupResult(key, LookupResult.Status.OK, answer.nodes(), hops, messages, path));
            return;
        }
        routeOn(hop, answer.nodes());
    }

    /** Asks next the nodes {@code hop} offered that lie strictly between it and the key (anything else is stale). */
    private void routeOn(Contact hop, List<Contact> nodes) {
        Deque<Contact> closer = new ArrayDeque<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Contact c = nodes.get(i);
            if (c.id().isInOpenOpen(hop.id(), key)) {
                closer.add(c);
            }
        }
        frontier.push(new Level(hop, closer, null));
        next();
    }

    /** An owner named by another node and not yet heard from in this lookup (the origin too: see {@link #confirmHere}). */
    private boolean needsConfirming(Contact owner) {
        return confirmOwner && answered.count(owner.id()) == 0;
    }

    /**
     * Asks the owner {@code offered} names first whether the key is its own. An owner that does not
     * answer within its round-trip timeout counts as dead and the next live-looking node of the list
     * is asked instead: under churn the list's first entry is often a node that died since the list
     * was last refreshed, or the key has passed to a node that joined in front of it, which the owner
     * knows as its predecessor before anyone else does.
     *
     * @param fromPredecessors {@code offered} was read off a predecessor list (see {@link #listsItself})
     */
    private void confirm(Contact owner, List<Contact> offered, boolean fromPredecessors) {
        if (result.isDone()) {
            return;
        }
        if (path.size() >= MAX_HOPS) {
            fail();
            return;
        }
        if (owner.id().equals(rpc.self().id())) {
            confirmHere(offered, fromPredecessors);
            return;
        }
        int tries = failures.count(owner.id()) > 0 ? OWNER_TRIES - failures.count(owner.id()) : 1;
        askAtOnce(owner, tries, (reply, failure) -> {
            if (failure == null) {
                confirmed(owner, offered, fromPredecessors, reply);
                return;
            }
            for (int i = 0; i < tries; i++) {
                failures.add(owner.id());
            }
            onDead.accept(owner);
            List<Contact> others = withoutFailed(offered, null);
            if (!routeAround) {
                next();
            } else if (failures.count(owner.id()) == 1 && !others.isEmpty() && needsConfirming(others.get(0))) {
                // The next node tells whether the silent one is still its predecessor: a dead owner that
                // has already been replaced costs one timeout, not OWNER_TRIES.
                confirm(others.get(0), offered, fromPredecessors);
            } else {
                finish(offered, null, fromPredecessors);
            }
        }, late -> {
            if (!result.isDone()) {
                confirmed(owner, offered, fromPredecessors, late);
            }
        });
    }

    /**
     * Asks {@code owner} FindSuccessor(key) {@code tries} times at once: {@code onDone} gets the first answer,
     * or a failure once every try has failed (each after the owner's round-trip timeout). An owner asked again
     * has been silent once already; the tries stand for the losses of a live one, and sent together they cost
     * one timeout where one after another they cost each their own.
     */
    private void askAtOnce(Contact owner, int tries, ReplyCallback<NextHop> onDone, Consumer<Reply<NextHop>> onLate) {
        int[] failed = {0};
        boolean[] answered = {false};
        for (int i = 0; i < tries; i++) {
            messages++;
            ask(owner, new FindSuccessor(key), (reply, failure) -> {
                if (answered[0] || failed[0] == tries) {
                    return;
                }
                if (failure == null) {
                    answered[0] = true;
                    onDone.done(reply, null);
                } else if (++failed[0] == tries) {
                    onDone.done(null, failure);
                }
            }, late -> {
                if (answered[0]) {
                    return; // one answer speaks for all the tries
                }
                answered[0] = true;
                if (failed[0] == tries) {
                    onLate.accept(late);
                } else {
                    onDone.done(late, null); // past its own timeout, but another try was still out
                }
            });
        }
    }

    /**
     * The owner found is the origin itself: it had found the key not its own before it asked anyone,
     * so its own answer decides, as any other owner's would.
     */
    private void confirmHere(List<Contact> offered, boolean fromPredecessors) {
        Contact self = rpc.self();
        answered.add(self.id());
        NextHop answer = localAnswer.apply(key);
        claims.record(self, answer);
        if (answer.done() && answer.nodes().get(0).id().equals(self.id())) {
            // The list as offered, from us on: a joining node's lookup of its own id may find its old self
            // still listed, and needs the nodes after it.
            int at = offered.indexOf(self);
            complete(at < 0 ? answer.nodes() : offered.subList(at, offered.size()));
        } else {
            ownerAnswered(self, offered, fromPredecessors, answer);
        }
    }

    private void confirmed(Contact owner, List<Contact> offered, boolean fromPredecessors, Reply<NextHop> reply) {
        if (result.isDone()) {
            return;
        }
        answered.add(owner.id());
        path.add(owner);
        claims.record(owner, reply.body());
        ownerAnswered(owner, offered, fromPredecessors, reply.body());
    }

    private void ownerAnswered(Contact owner, List<Contact> offered, boolean fromPredecessors, NextHop answer) {
        if (answer.done()) {
            finish(answer.nodes(), owner);
            return;
        }
        if (fromPredecessors) {
            // A predecessor list named a node that says the key is not its own: the list skipped the key's
            // owner (not refreshed since nodes joined between two of its entries, it can name a node a third
            // of the ring away). Completing with it named that wrong owner; route on from its answer instead.
            routeOn(owner, answer.nodes());
        } else if (offered.get(0).id().equals(owner.id())) {
            // The owner named says the key is not its own: a node joined before it that the namer does not
            // know yet, or it knows no predecessor yet (it has just joined, or lost it) and cannot tell. Its
            // closer nodes find a newcomer; when they find nothing, it stays the best guess (a ring of a few
            // nodes that are still joining has nothing else).
            if (bestGuess == null) {
                bestGuess = offered;
            }
            routeOn(owner, answer.nodes());
        } else {
            // Asked after a silent owner: that one is asked again.
            finish(offered, null, false);
        }
    }

    /**
     * Ends the lookup at the first of {@code owners} that answers it: a node is passed over once it
     * has failed {@link #OWNER_TRIES} times in this lookup ({@code answering} never is). When all are
     * passed over, routing goes on from where it was.
     */
    private void finish(List<Contact> owners, Contact answering) {
        finish(owners, answering, listsItself(owners, answering));
    }

    private void finish(List<Contact> owners, Contact answering, boolean fromPredecessors) {
        List<Contact> live = withoutDead(owners, answering);
        if (live.isEmpty()) {
            next();
        } else if (needsConfirming(live.get(0))) {
            confirm(live.get(0), live, fromPredecessors);
        } else if (claims.holds(live.get(0).id(), this::isDead)) {
            complete(live);
        } else {
            // It has said the key is not its own, or named live-looking nodes before itself: it is not the
            // owner, whoever named it (ending here named a live node past the owner, 137 of 146 such wrong
            // owners in Bamboo's setup, seed 9). Ask on.
            next();
        }
    }

    /**
     * Whether {@code answering} lists itself behind the owner it names: it found the key among its
     * predecessors. A node that names its successor (whose predecessor has just died, so it cannot yet say
     * the key is its own) does not.
     */
    private static boolean listsItself(List<Contact> owners, Contact answering) {
        if (answering == null) {
            return false;
        }
        for (int i = 1; i < owners.size(); i++) {
            if (owners.get(i).id().equals(answering.id())) {
                return true;
            }
        }
        return false;
    }

    /** Ends the lookup with {@code owners}, whose first has answered it: the path counts every node up to it. */
    private void complete(List<Contact> owners) {
        result.complete(new LookupResult(key, LookupResult.Status.OK, owners, path.size(), messages, path));
    }

    /** Whether {@code id} has failed {@link #OWNER_TRIES} times in this lookup: passed over as an owner. */
    private boolean isDead(NodeId id) {
        return failures.count(id) >= OWNER_TRIES;
    }

    /** {@code nodes} without those that failed in this lookup, except {@code answering} (null for none). */
    private List<Contact> withoutFailed(List<Contact> nodes, Contact answering) {
        return without(nodes, answering, 1);
    }

    /**
     * {@code nodes} without those that failed {@link #OWNER_TRIES} times in this lookup: a node that
     * names one that failed before, as owner, may have heard from it since, and a lost datagram must
     * not hand the key to the next node.
     */
    private List<Contact> withoutDead(List<Contact> nodes, Contact answering) {
        return without(nodes, answering, OWNER_TRIES);
    }

    /**
     * {@code nodes} without those that failed {@code failuresAllowed} or more times in this lookup, except
     * {@code answering}: a node whose answer came after its round-trip timeout counts as failed, yet it is alive.
     */
    private List<Contact> without(List<Contact> nodes, Contact answering, int failuresAllowed) {
        List<Contact> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Contact c = nodes.get(i);
            if (failures.count(c.id()) < failuresAllowed || answering != null && c.id().equals(answering.id())) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * How often each node was seen, for the few dozen nodes one lookup meets: a scan of two small
     * arrays, where a hash set and a boxed count map cost allocations on every hop.
     */
    private static final class NodeTally {
        /** Allocated on the first add: most lookups never see a failure. */
        private NodeId[] ids;
        private int[] counts;
        private int size;

        int count(NodeId id) {
            for (int i = 0; i < size; i++) {
                if (ids[i].equals(id)) {
                    return counts[i];
                }
            }
            return 0;
        }

        void add(NodeId id) {
            for (int i = 0; i < size; i++) {
                if (ids[i].equals(id)) {
                    counts[i]++;
                    return;
                }
            }
            if (ids == null) {
                ids = new NodeId[8];
                counts = new int[8];
            } else if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
                counts = java.util.Arrays.copyOf(counts, size * 2);
            }
            ids[size] = id;
            counts[size++] = 1;
        }
    }
}
