package io.chordia.routing.chord;

import io.chordia.core.message.Ack;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.Notify;
import io.chordia.core.net.Contact;
import io.chordia.routing.SuspectedNodes;
import io.chordia.core.rpc.ReplyCallback;
import io.chordia.core.time.Cancellable;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.List;

/**
 * Merges rings that a partition split apart, after Shafaat, Ghodsi and Haridi ("Dealing with
 * network partitions in structured overlay networks", 2009): nodes that stopped answering are kept
 * as suspects and probed in turn. A partition makes every node suspect the nodes on the other side,
 * so once it heals nearly every node finds one of them alive within a probe interval, and each
 * unifies on its own, in parallel: it looks up its own id through the revived node, and if that
 * ring names a successor closer than ours, adopts it once it answers (Zave's rule: never adopt a
 * node before hearing from it) and notifies it, so the other ring learns of us. Stabilization then
 * zips the rest together. Where both sides already agree, the probe costs one lookup and changes
 * nothing.
 *
 * <p>Node-thread confined.
 */
final class RingUnification {
    private static final ReplyCallback<Ack> IGNORE_REPLY = (reply, failure) -> { };

    private final ChordNode node;
    private final SuspectedNodes suspects;
    private Cancellable timer = Cancellable.NONE;
    private boolean probing;
    private long merges;

    RingUnification(ChordNode node) {
        this.node = node;
        this.suspects = new SuspectedNodes(node.config().suspects());
    }

    void start() {
        Duration period = node.config().suspects().probeInterval();
        Duration first = Duration.ofNanos(1 + node.random().nextLong(period.toNanos()));
        timer = node.scheduler().scheduleAtFixedRate(first, period, this::probeNext);
    }

    void stop() {
        timer.cancel();
    }

    /** {@code contact} stopped answering: remember it, to probe it later. */
    void suspect(Contact contact) {
        if (!contact.id().equals(node.self().id())) {
            suspects.add(contact, now());
        }
    }

    /** Times this node adopted a successor from a ring it had been apart from. */
    long merges() {
        return merges;
    }

    /** Probes one suspect: a lookup of our own id that starts at it. At most one at a time. */
    void probeNext() {
        if (probing || node.isStopped() || !node.isJoined()) {
            return;
        }
        Contact suspect = suspects.nextToProbe(now());
        if (suspect == null) {
            return;
        }
        probing = true;
        IterativeChordLookup.start(node.rpc(), node.self().id(), List.of(suspect), List.of(),
                node.config().lookupRpc(), dead -> { }, node.slowQueries(), true, false, node::answerFindSuccessor).whenComplete((result, failure) -> {
                    probing = false;
                    if (failure == null && result.succeeded() && result.path().stream()
                            .anyMatch(c -> c.id().equals(suspect.id()))) {
                        suspects.remove(suspect.id());
                        unify(result);
                    }
                });
    }

    /** Adopts the successor the other ring names for our id, when it is closer than ours. */
    private void unify(LookupResult found) {
        ChordState state = node.state();
        Contact candidate = null;
        for (Contact c : found.closest()) {
            if (!c.id().equals(node.self().id())) {
                candidate = c;
                break;
            }
        }
        if (candidate == null || !closerThanSuccessor(candidate, state)) {
            return;
        }
        Contact c = candidate;
        node.rpc().call(c, new GetNeighbors(), (reply, failure) -> {
            if (failure != null || node.isStopped() || !closerThanSuccessor(c, state)) {
                return;
            }
            merges++;
            state.adoptSuccessors(c, reply.body().successors());
            node.rpc().exchange(c.address(), c.id(), new Notify(), node.config().maintenanceRpc(), IGNORE_REPLY);
        });
    }

    private boolean closerThanSuccessor(Contact c, ChordState state) {
        return state.isAlone() || c.id().isInOpenOpen(node.self().id(), state.successor().id());
    }

    private long now() {
        return node.scheduler().clock().nanoTime();
    }
}
