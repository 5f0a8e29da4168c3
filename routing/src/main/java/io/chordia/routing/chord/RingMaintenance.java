package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.Leaving;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.Notify;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.ReplyCallback;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RpcException;
import io.chordia.core.time.Cancellable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the ring correct, following Zave's corrected Chord: stabilize from the first live
 * successor and adopt {@code s :: s.successors}; never adopt a successor or predecessor without
 * first hearing from it; notify only proposes, rectify decides. Fingers are refreshed one at a time
 * (or all at once, with {@link ChordConfig#refreshAllFingers()}) and are only an optimization:
 * correctness rests on the successor lists. With a {@link ChordConfig#maintenanceSchedule()} in rounds
 * the three routines run together at random intervals instead.
 *
 * <p>Node-thread confined.
 */
final class RingMaintenance {
    /** Notify's answer says nothing: whether it arrived changes nothing here. */
    private static final ReplyCallback<Ack> IGNORE_REPLY = (reply, failure) -> { };
    private static final int MAX_CANDIDATE_CHECKS = 8;

    private final ChordNode node;
    private final List<Cancellable> timers = new ArrayList<>();
    private boolean stabilizing;
    private boolean stopped;
    /** Consecutive failed checks of the current first successor / predecessor. */
    private int successorFailures;
    private int predecessorFailures;
    private int nextFinger = NodeId.BITS - 1;
    /** Notifiers being asked before they may become our predecessor. */
    private final Set<Contact> checkingCandidates = new HashSet<>();
    /** A dead predecessor's replacement is being sought ({@link #adoptFirstLivePredecessor}). */
    private boolean replacingPredecessor;

    RingMaintenance(ChordNode node) {
        this.node = node;
    }

    void start() {
        ChordConfig c = node.config();
        if (c.maintenanceSchedule().inRounds()) {
            scheduleRound();
            return;
        }
        // Spread the first runs over one period so that nodes started together do not beat in step.
        timers.add(node.scheduler().scheduleAtFixedRate(jitter(c.stabilizeInterval()), c.stabilizeInterval(), this::stabilize));
        timers.add(node.scheduler().scheduleAtFixedRate(jitter(c.fixFingersInterval()), c.fixFingersInterval(),
                this::refreshFingers));
        timers.add(node.scheduler().scheduleAtFixedRate(jitter(c.checkPredecessorInterval()), c.checkPredecessorInterval(),
                this::checkPredecessor));
    }

    void stop() {
        stopped = true;
        timers.forEach(Cancellable::cancel);
        timers.clear();
    }

    /**
     * The next maintenance round after a random wait of mean stabilizeInterval, as in the Chord
     * paper's churn simulator. Each round is a new one-shot timer, so only the pending one is kept.
     */
    private void scheduleRound() {
        if (stopped) {
            return;
        }
        ChordConfig c = node.config();
        long wait = c.maintenanceSchedule().nextRoundNanos(c.stabilizeInterval(), node.random());
        timers.clear();
        timers.add(node.scheduler().schedule(java.time.Duration.ofNanos(wait), () -> {
            stabilize();
            checkPredecessor();
            refreshFingers();
            scheduleRound();
        }));
    }

    private void refreshFingers() {
        if (node.config().refreshAllFingers()) {
            fixAllFingers();
        } else {
            fixFinger();
        }
    }

    private java.time.Duration jitter(java.time.Duration period) {
        return java.time.Duration.ofNanos(node.random().nextLong(period.toNanos()));
    }

    /** One round of stabilize; at most one runs at a time. */
    void stabilize() {
        if (stabilizing || node.isStopped()) {
            return;
        }
        ChordState state = node.state();
        if (state.isAlone()) {
            // A ring of one learns of others only through notify: try the proposer as successor.
            Contact p = state.predecessor();
            if (p != null) {
                stabilizing = true;
                neighbors(p, (n, failure) -> {
                    stabilizing = false;
                    if (failure == null && state.isAlone()) {
                        state.adoptSuccessors(p, n.successors());
                        notifySuccessor();
                    }
                });
            }
            return;
        }
        Contact s = state.successor();
        stabilizing = true;
        neighbors(s, (n, failure) -> {
            if (failure != null) {
                stabilizing = false;
                // One lost exchange must not evict a live successor: dropping it opens a hole in
                // every successor list upstream. Evict after several failed rounds, retried at once.
                if (++successorFailures >= node.config().failuresBeforeEviction()) {
                    successorFailures = 0;
                    state.removeSuccessor(s.id());
                    node.onContactFailed(s);
                }
                if (!state.isAlone()) {
                    node.scheduler().execute(this::stabilize);
                }
                return;
            }
            successorFailures = 0;
            Contact p = n.predecessors().isEmpty() ? null : n.predecessors().get(0);
            if (p != null && p.id().isInOpenOpen(node.self().id(), s.id())) {
                // A node joined between us and s: adopt it only once it answers us itself.
                neighbors(p, (pn, pFailure) -> {
                    stabilizing = false;
                    if (pFailure == null) {
                        state.adoptSuccessors(p, pn.successors());
                    } else {
                        state.adoptSuccessors(s, n.successors());
                    }
                    notifySuccessor();
                });
            } else {
                stabilizing = false;
                state.adoptSuccessors(s, n.successors());
                notifySuccessor();
            }
        });
    }

    private void notifySuccessor() {
        ChordState state = node.state();
        if (!state.isAlone()) {
            Contact s = state.successor();
            node.rpc().exchange(s.address(), s.id(), new Notify(), node.config().maintenanceRpc(), IGNORE_REPLY);
        }
    }

    /**
     * Rectify: {@code sender} proposes itself as our predecessor. It is adopted only once it has
     * answered a request of ours, as successors are: a notify's source address can be forged, and
     * an adopted predecessor is what we hand to every node that stabilizes through us, so an
     * unanswered one would steer their requests at whoever owns the forged address.
     */
    Ack onNotify(Notify notify, RequestContext context) {
        Contact candidate = context.sender();
        ChordState state = node.state();
        if (candidate.id().equals(node.self().id())) {
            return new Ack();
        }
        if (node.config().announceJoins() && !state.isAlone()
                && candidate.id().isInOpenOpen(node.self().id(), state.successor().id())) {
            // A node that joined just after us announces itself (ChordConfig.announceJoins). It is
            // no predecessor: were ours dead, the branch below would take it as one, and we would
            // then own the whole ring but the gap to it.
            adoptSuccessorOnceItAnswers(candidate);
            return new Ack();
        }
        Contact p = state.predecessor();
        if (p == null || candidate.id().isInOpenOpen(p.id(), node.self().id())) {
            adoptOnceItAnswers(candidate, p);
        } else if (!candidate.id().equals(p.id())) {
            // Keep the current predecessor unless it is dead.
            neighbors(p, (n, failure) -> {
                if (failure != null && p.equals(state.predecessor())) {
                    adoptOnceItAnswers(candidate, p);
                }
            });
        }
        return new Ack();
    }

    /**
     * Asks {@code candidate} for its neighbours and makes it our predecessor if it answers and
     * still fits: the predecessor is still {@code replacing}, or the candidate lies between the
     * current one and us. One check per candidate at a time, and a bounded number in all: a
     * notifier left out now notifies again next round.
     */
    private void adoptOnceItAnswers(Contact candidate, Contact replacing) {
        if (checkingCandidates.size() >= MAX_CANDIDATE_CHECKS || !checkingCandidates.add(candidate)) {
            return;
        }
        ChordState state = node.state();
        neighbors(candidate, (n, failure) -> {
            checkingCandidates.remove(candidate);
            if (failure != null) {
                return;
            }
            Contact current = state.predecessor();
            if (current == null || current.equals(replacing) || candidate.id().isInOpenOpen(current.id(), node.self().id())) {
                state.adoptPredecessors(candidate, orOurs(n.predecessors(), candidate));
            }
        });
    }

    /**
     * {@code theirs}, the predecessors {@code first} reported, or when it has none our own behind
     * {@code first}: a node that has just joined knows no predecessor yet, and the nodes before it
     * are the ones before us (ChordState keeps only the part in ring order).
     */
    private List<Contact> orOurs(List<Contact> theirs, Contact first) {
        if (!theirs.isEmpty()) {
            return theirs;
        }
        List<Contact> ours = node.state().predecessors();
        return !ours.isEmpty() && ours.get(0).id().equals(first.id()) ? ours.subList(1, ours.size()) : ours;
    }

    /**
     * Tells {@code predecessor} (our successor's predecessor when we joined) that we now lie between
     * it and its successor: it checks us and takes us as successor, a stabilize round sooner.
     */
    void announceTo(Contact predecessor) {
        if (!predecessor.id().equals(node.self().id())) {
            node.rpc().exchange(predecessor.address(), predecessor.id(), new Notify(), node.config().maintenanceRpc(),
                    IGNORE_REPLY);
        }
    }

    /** Takes {@code candidate} as first successor if it answers and still lies before the successor. */
    private void adoptSuccessorOnceItAnswers(Contact candidate) {
        if (checkingCandidates.size() >= MAX_CANDIDATE_CHECKS || !checkingCandidates.add(candidate)) {
            return;
        }
        ChordState state = node.state();
        neighbors(candidate, (n, failure) -> {
            checkingCandidates.remove(candidate);
            if (failure == null && !state.isAlone()
                    && candidate.id().isInOpenOpen(node.self().id(), state.successor().id())) {
                state.adoptSuccessors(candidate, n.successors());
                notifySuccessor();
            }
        });
    }

    /** Checks the predecessor and refreshes the predecessor list from it. */
    void checkPredecessor() {
        ChordState state = node.state();
        Contact p = state.predecessor();
        if (p == null || node.isStopped()) {
            return;
        }
        neighbors(p, (n, failure) -> {
            if (!p.equals(state.predecessor())) {
                return;
            }
            if (failure == null) {
                predecessorFailures = 0;
                state.adoptPredecessors(p, orOurs(n.predecessors(), p));
            } else if (++predecessorFailures >= node.config().failuresBeforeEviction()) {
                predecessorFailures = 0;
                node.onContactFailed(p);
                if (node.config().predecessorFromList()) {
                    replacePredecessor(p);
                } else {
                    state.clearPredecessor();
                }
            } else {
                node.scheduler().execute(this::checkPredecessor);
            }
        });
    }

    /**
     * {@code dead}, our predecessor, is replaced by the next entry of our predecessor list that answers, and
     * is kept until then (or dropped when none does): with no predecessor a node claims no key, and the
     * lookups for its arc wander until a node before it notifies it, a stabilize period or more; with the
     * dead one kept, it names that one and a lookup that finds it dead takes us (see {@link OwnerClaims}).
     */
    private void replacePredecessor(Contact dead) {
        if (replacingPredecessor) {
            return;
        }
        replacingPredecessor = true;
        ChordState state = node.state();
        List<Contact> rest = List.copyOf(state.predecessors().subList(1, state.predecessors().size()));
        adoptFirstLivePredecessor(rest, 0, dead, () -> {
            replacingPredecessor = false;
            if (dead.equals(state.predecessor())) {
                state.clearPredecessor();
            }
        }, () -> replacingPredecessor = false);
    }

    /**
     * A node that has just joined takes the first entry of its successor's predecessor list that answers
     * as predecessor ({@link ChordConfig#predecessorFromList}), rather than knowing none, and claiming no
     * key, until the node before it has learnt of it and notified it. Entries that lie between us and our
     * successor (they joined after us) are skipped: taken as predecessor they would hand us most of the ring.
     */
    void adoptPredecessorOnJoin(List<Contact> successorsPredecessors) {
        ChordState state = node.state();
        NodeId me = node.self().id();
        List<Contact> before = successorsPredecessors.stream()
                .filter(c -> !c.id().equals(me) && !c.id().isInOpenClosed(me, state.successor().id())).toList();
        adoptFirstLivePredecessor(before, 0, null, () -> { }, () -> { });
    }

    /**
     * Asks {@code candidates} from {@code index} on, one after another, and takes the first that answers as
     * predecessor (Zave's rule: never without hearing from it), if our predecessor is still {@code replacing}
     * (null: none) or the candidate lies between it and us; {@code noneAnswered} runs when none answered,
     * {@code done} when one did.
     */
    private void adoptFirstLivePredecessor(List<Contact> candidates, int index, Contact replacing,
                                           Runnable noneAnswered, Runnable done) {
        if (index >= candidates.size() || node.isStopped()) {
            noneAnswered.run();
            return;
        }
        Contact candidate = candidates.get(index);
        ChordState state = node.state();
        neighbors(candidate, (n, failure) -> {
            if (failure != null) {
                adoptFirstLivePredecessor(candidates, index + 1, replacing, noneAnswered, done);
                return;
            }
            Contact current = state.predecessor();
            if (current == null || current.equals(replacing) || candidate.id().isInOpenOpen(current.id(), node.self().id())) {
                state.adoptPredecessors(candidate, orOurs(n.predecessors(), candidate));
                predecessorFailures = 0;
            }
            done.run();
        });
    }

    /** Refreshes the next finger whose start lies beyond the successor (nearer ones are the successor). */
    void fixFinger() {
        ChordState state = node.state();
        if (state.isAlone() || node.isStopped()) {
            return;
        }
        // Fingers the successor owns need no lookup (and no id arithmetic).
        int ownedBySuccessor = fingersOwnedBySuccessor(state);
        for (int scanned = 0; scanned < NodeId.BITS; scanned++) {
            int i = nextFinger;
            nextFinger = nextFinger == 0 ? NodeId.BITS - 1 : nextFinger - 1;
            if (i < ownedBySuccessor) {
                state.setFinger(i, state.successor());
                continue;
            }
            lookUpFinger(state, i);
            return;
        }
    }

    /**
     * Refreshes every finger at once: a lookup for each finger whose start lies beyond the
     * successor (about log2 N of them), the nearer ones set to the successor.
     */
    void fixAllFingers() {
        ChordState state = node.state();
        if (state.isAlone() || node.isStopped()) {
            return;
        }
        int ownedBySuccessor = fingersOwnedBySuccessor(state);
        for (int i = 0; i < NodeId.BITS; i++) {
            if (i < ownedBySuccessor) {
                state.setFinger(i, state.successor());
            } else {
                lookUpFinger(state, i);
            }
        }
    }

    /** How many of the lowest fingers the successor owns: self + 2^i lies in (self, successor] exactly when 2^i <= the distance. */
    private int fingersOwnedBySuccessor(ChordState state) {
        NodeId toSuccessor = node.self().id().ringDistanceTo(state.successor().id());
        return NodeId.BITS - toSuccessor.commonPrefixLength(NodeId.ZERO);
    }

    private void lookUpFinger(ChordState state, int i) {
        NodeId start = node.self().id().plusPowerOfTwo(i);
        node.lookupIterative(start).thenAccept(result -> {
            if (result.succeeded()) {
                state.setFinger(i, result.owner());
            }
        });
    }

    /** A neighbour leaves gracefully; check before adopting anything it suggests. */
    Ack onLeaving(Leaving leaving, RequestContext context) {
        Contact leaver = context.sender();
        ChordState state = node.state();
        state.forgetFinger(leaver.id());
        boolean wasSuccessor = !state.isAlone() && state.successors().stream().anyMatch(c -> c.id().equals(leaver.id()));
        if (wasSuccessor) {
            state.removeSuccessor(leaver.id());
            if (state.isAlone() && !leaving.successors().isEmpty()) {
                Contact next = leaving.successors().get(0);
                neighbors(next, (n, failure) -> {
                    if (failure == null && state.isAlone()) {
                        state.adoptSuccessors(next, n.successors());
                    }
                });
            }
            node.scheduler().execute(this::stabilize);
        }
        Contact p = state.predecessor();
        if (p != null && p.id().equals(leaver.id())) {
            state.clearPredecessor();
            if (!leaving.predecessors().isEmpty()) {
                Contact q = leaving.predecessors().get(0);
                neighbors(q, (n, failure) -> {
                    if (failure == null && state.predecessor() == null && !q.id().equals(node.self().id())) {
                        state.adoptPredecessors(q, n.predecessors());
                    }
                });
            }
        }
        return new Ack();
    }

    /** Neighbors of this node, as the GetNeighbors handler answers. */
    Neighbors onGetNeighbors(GetNeighbors request, RequestContext context) {
        if (!node.isJoined()) {
            // A node not (yet, or no longer) in the ring must not be adopted as a successor with its
            // empty list: a node restarted under its old id and address would collapse every
            // successor list that still names it, and with them the ring. Refused, it looks dead
            // and is evicted until it has joined.
            throw new io.chordia.core.rpc.RequestRefusedException(io.chordia.core.message.ErrorCode.REFUSED,
                    "not part of the ring yet");
        }
        ChordState state = node.state();
        return new Neighbors(state.predecessors(), state.successors());
    }

    /** Asks {@code c} for its neighbours; {@code then} gets them, or null and why not. */
    private void neighbors(Contact c, java.util.function.BiConsumer<Neighbors, RpcException> then) {
        node.rpc().call(c, new GetNeighbors(), (reply, failure) -> then.accept(reply == null ? null : reply.body(), failure));
    }
}
