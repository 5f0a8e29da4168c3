package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.rpc.RpcTimeoutException;
import io.chordia.core.time.Cancellable;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.lookup.SlowQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Kademlia's iterative node lookup, over one path or d disjoint ones (S/Kademlia, Baumgart and
 * Mies 2007). Each path keeps up to α {@link FindNode} requests in flight to the closest of its
 * candidates not yet asked, and is done when its k closest candidates that did not fail have all
 * answered. A node is queried by at most one path, so an adversary who captures one path by
 * answering with made-up or colluding contacts cannot steer the others. The answer is the k
 * closest nodes that answered on any path, the origin counted as one of them.
 *
 * <p>Only nodes that answered (from the id and address asked) are ever in the answer: contacts
 * that appear in replies are candidates, never results. One instance is one lookup; it lives on
 * the node thread.
 *
 * <p>A request not answered within the node's round-trip timeout for its target ({@link
 * io.chordia.core.rpc.RoundTripTimes}) is <em>slow</em>: it frees its α slot, so the next
 * candidate is asked at once, and the node counts as failed for this lookup and for the routing
 * table. The request stays open until the call's own (longer) timeout, and a late answer still
 * counts: its contacts are merged and the node may be among the results. This is libtorrent's
 * "short timeout" in its DHT traversal; the fixed retry schedule suits a chosen replica, not a
 * lookup that has other candidates. A slow node that {@link SlowQueries#worthWaitingFor} judges
 * probably alive still counts among a path's k closest and keeps the path from finishing until it
 * answers or its call times out: on a congested host a live node's answer can outlast its timeout,
 * and finishing without it would leave one of the true k closest out of the answer.
 *
 * <p>Once a path's α closest candidates have answered, the rest of its k closest are asked at once
 * ({@link ConfirmationWidening}): confirming the k closest α at a time took about k/α round trips
 * after the closest node was found, most of a lookup's time.
 *
 * <p>A lookup has two ends ({@link Ends}). The <em>owner</em> end comes as soon as every path's
 * closest candidate still in the running has answered (the α closest, once a request of the lookup
 * failed or turned slow; a slow candidate in front holds it one more round-trip timeout): that
 * node's reply named nobody closer that is alive, so it is the key's owner as far as anyone asked
 * knows; only a node we have heard from before gets that grace. This is where Chord's
 * lookup ends too, and what a caller that wants the owner (a lookup graded on it, a get from it)
 * waits for. The <em>closest</em> end comes when the k closest have all answered, what storing,
 * replica sets, joins and the network-size estimate need; the lookup runs to it either way, so
 * the routing table learns the same and the traffic is the same.
 */
final class IterativeLookup<R extends Response> {
    /**
     * What a lookup asks each node and where the contacts are in the answer: {@link FindNode} for a
     * node lookup, BEP 5's {@code get_peers} for a swarm's, which also hands each answer on.
     */
    interface Query<R extends Response> {
        Request<R> request(NodeId target, int k);

        List<Contact> contacts(R reply);

        /** {@code from} answered with {@code reply}; called before its contacts are offered. */
        default void answered(Contact from, R reply) {
        }
    }

    /** Kademlia's own lookup: {@code FIND_NODE}. */
    static final Query<Nodes> FIND_NODE = new Query<>() {
        @Override
        public Request<Nodes> request(NodeId target, int k) {
            return new FindNode(target, k);
        }

        @Override
        public List<Contact> contacts(Nodes reply) {
            return reply.contacts();
        }
    };

    /**
     * The two ends of one lookup: {@code owner} completes once the key's owner is confirmed (or with
     * {@code closest}, if that comes first), {@code closest} once the k closest have all answered.
     */
    record Ends(CompletableFuture<LookupResult> owner, CompletableFuture<LookupResult> closest) {}

    /** What the lookup learns about the nodes it asks, for the routing table. */
    interface Observer {
        /** {@code contact} answered a request sent to its id and address. */
        void answered(Contact contact);

        /** A request to {@code contact} failed for {@code cause}: no answer within its round-trip timeout, or an error. */
        void failed(Contact contact, Throwable cause);

        /** A request counted slow was answered after all (answered is told too). */
        default void answeredLate(Contact contact) {
        }

        /** A request outlived its target's round-trip timeout and the lookup moved on (failed is told too). */
        default void slow(Contact contact) {
        }
    }

    private enum State { IN_FLIGHT, SLOW, ANSWERED, FAILED }

    private static final class Probe {
        final Contact contact;
        final int depth;
        final int path;
        final NodeId referrer;
        /** Sent past α by {@link ConfirmationWidening}: counted in its path's confirmations, not its α slots. */
        final boolean confirming;
        State state = State.IN_FLIGHT;
        Cancellable softTimer = Cancellable.NONE;
        /** Its round-trip timeout when sent. */
        long softNanos;
        /** Slow for a second round-trip timeout: no longer holds the owner end (see {@link #slow}). */
        boolean pastOwnerGrace;
        Cancellable graceTimer = Cancellable.NONE;

        Probe(Contact contact, int depth, int path, NodeId referrer, boolean confirming) {
            this.contact = contact;
            this.depth = depth;
            this.path = path;
            this.referrer = referrer;
            this.confirming = confirming;
        }
    }

    private static final class Candidate {
        final Contact contact;
        final int depth;
        /** The node whose reply named it; {@code null} for our own seeds. */
        final NodeId referrer;
        /** Named by more than one node: kept even if one of them turns out to lie. */
        boolean vouched;
        /** Its probe once one was sent (by any path): a probe never changes, so it is looked up once. */
        Probe probe;

        Candidate(Contact contact, int depth, NodeId referrer) {
            this.contact = contact;
            this.depth = depth;
            this.referrer = referrer;
        }
    }

    /** How a referrer's referrals fared in this lookup. */
    private static final class Referrals {
        int answered;
        int failed;
    }

    /** A referrer with this many failed referrals, and more failed than answered, is not believed any more. */
    private static final int DISTRUST_AFTER_FAILURES = 3;

    private static final class Path {
        final int index;
        /** Keyed by id, ordered by XOR distance to the target: closest first, deterministic. */
        final XorSortedArray<Candidate> candidates;
        int inFlight;
        /** Of those in flight, the confirmations: the rest take α slots. */
        int confirmingInFlight;
        /** Slow probes still open: a late answer may yet bring the candidates this path lacks. */
        int slowOpen;
        /**
         * Over the last pass: how many of the closest candidates still in the running answered before
         * the first that has not, whether that run is still open, how many candidates the pass counted
         * towards it, and whether we are closer to the target than the first of them.
         */
        int answeredFront;
        boolean frontOpen;
        int frontSeen;
        boolean selfFirst;

        /** This path names nobody closer than its closest answered node that its α closest did not confirm. */
        boolean ownerConfirmed(int needed) {
            return frontSeen == 0 || selfFirst || answeredFront >= needed;
        }

        Path(int index, NodeId target) {
            this.index = index;
            this.candidates = new XorSortedArray<>(target);
        }
    }

    private final RpcEndpoint rpc;
    private final Contact self;
    private final NodeId target;
    private final int k;
    private final int alpha;
    private final int maxQueries;
    private final RpcConfig callConfig;
    private final Query<R> shape;
    private final Observer observer;
    private final SlowQueries slowQueries;
    private final boolean patient;
    private final boolean distrustReferrers;
    private final ConfirmationWidening widening;
    private final Path[] paths;
    /** Lookup only, never iterated. */
    private final Map<NodeId, Probe> probes = new HashMap<>();
    /** Keyed by id, ordered by XOR distance to the target (compared in place: no distance objects). */
    private final TreeMap<NodeId, Probe> answered;
    /** Lookup only, never iterated. */
    private final Map<NodeId, Referrals> referrals = new HashMap<>();
    private final List<Contact> respondents = new ArrayList<>();
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private final CompletableFuture<LookupResult> owner = new CompletableFuture<>();
    private int messages;
    /** A request of this lookup failed or turned slow: the tables near the key may be stale. */
    private boolean metSilence;
    private boolean advancing;
    private boolean again;

    private IterativeLookup(RpcEndpoint rpc, NodeId target, int k, int alpha, int disjointPaths, RpcConfig callConfig,
                            Query<R> shape, Observer observer, SlowQueries slowQueries, Set<KademliaExtra> extras) {
        this.rpc = rpc;
        this.self = rpc.self();
        this.target = target;
        this.k = k;
        this.alpha = alpha;
        this.callConfig = callConfig;
        this.shape = shape;
        this.observer = observer;
        this.slowQueries = slowQueries;
        this.patient = extras.contains(KademliaExtra.PATIENT_LOOKUPS);
        this.distrustReferrers = extras.contains(KademliaExtra.REFERRER_DISTRUST);
        // A lookup of our own id is how the nodes near us learn of us and our leaf set fills: it keeps
        // the paper's pace (widened, 15 of 1,000 joined nodes missed one of their 20 nearest leaves).
        this.widening = new ConfirmationWidening(alpha, extras.contains(KademliaExtra.WIDE_CONFIRMATION)
                && !target.equals(self.id()));
        Comparator<NodeId> byDistance = target::compareXorDistances;
        this.answered = new TreeMap<>(byDistance);
        this.paths = new Path[disjointPaths];
        for (int i = 0; i < disjointPaths; i++) {
            paths[i] = new Path(i, target);
        }
        // A bound against replies that keep inventing closer contacts: far above a normal lookup's 20-40.
        this.maxQueries = disjointPaths * 8 * k;
    }

    /**
     * Starts a lookup of {@code target}; call on the node thread.
     *
     * @param seeds         known contacts, closest first; seed i goes to path i mod d
     * @param disjointPaths d, at least 1
     * @param slowQueries   the node's record of slow requests, which also says which are worth waiting for
     */
    static CompletableFuture<LookupResult> start(RpcEndpoint rpc, NodeId target, List<Contact> seeds, int k, int alpha,
                                                 int disjointPaths, RpcConfig callConfig, Observer observer,
                                                 SlowQueries slowQueries) {
        return start(rpc, target, seeds, k, alpha, disjointPaths, callConfig, observer, slowQueries,
                EnumSet.allOf(KademliaExtra.class));
    }

    /**
     * As above, with only the {@code extras} of ours that a lookup knows ({@link
     * KademliaExtra#PATIENT_LOOKUPS}, {@link KademliaExtra#REFERRER_DISTRUST}) that are in the set.
     */
    static CompletableFuture<LookupResult> start(RpcEndpoint rpc, NodeId target, List<Contact> seeds, int k, int alpha,
                                                 int disjointPaths, RpcConfig callConfig, Observer observer,
                                                 SlowQueries slowQueries, Set<KademliaExtra> extras) {
        return start(rpc, target, seeds, k, alpha, disjointPaths, callConfig, FIND_NODE, observer, slowQueries, extras);
    }

    /** As {@link #start(RpcEndpoint, NodeId, List, int, int, int, RpcConfig, Observer, SlowQueries, Set)}, with both ends. */
    static Ends begin(RpcEndpoint rpc, NodeId target, List<Contact> seeds, int k, int alpha, int disjointPaths,
                      RpcConfig callConfig, Observer observer, SlowQueries slowQueries, Set<KademliaExtra> extras) {
        IterativeLookup<Nodes> lookup = new IterativeLookup<>(rpc, target, k, alpha, disjointPaths, callConfig,
                FIND_NODE, observer, slowQueries, extras);
        lookup.seed(seeds);
        return new Ends(lookup.owner, lookup.result);
    }

    /** As above, asking {@code shape}'s request of each node instead of {@code find_node}. */
    static <R extends Response> CompletableFuture<LookupResult> start(RpcEndpoint rpc, NodeId target, List<Contact> seeds,
                                                                      int k, int alpha, int disjointPaths,
                                                                      RpcConfig callConfig, Query<R> shape,
                                                                      Observer observer, SlowQueries slowQueries,
                                                                      Set<KademliaExtra> extras) {
        IterativeLookup<R> lookup = new IterativeLookup<>(rpc, target, k, alpha, disjointPaths, callConfig, shape,
                observer, slowQueries, extras);
        lookup.seed(seeds);
        return lookup.result;
    }

    private void seed(List<Contact> seeds) {
        for (int i = 0; i < seeds.size(); i++) {
            offer(paths[i % paths.length], seeds.get(i), 1, null);
        }
        advance();
    }

    private void offer(Path path, Contact contact, int depth, NodeId referrer) {
        if (contact.id().equals(self.id())) {
            return;
        }
        Candidate known = path.candidates.get(contact.id());
        if (known == null) {
            path.candidates.put(contact.id(), new Candidate(contact, depth, referrer));
        } else if (known.referrer != null && !known.referrer.equals(referrer)) {
            known.vouched = true;
        }
    }

    /**
     * Whether to skip an unasked candidate: only the node that named it vouches for it, and that
     * node's referrals have mostly failed in this lookup (invented ids, dead or foreign addresses).
     * Not in the paper; without it each lying reply costs up to k requests.
     */
    private boolean distrusted(Candidate c) {
        if (!distrustReferrers || c.referrer == null || c.vouched) {
            return false;
        }
        // While the referrer is the only node that has answered, its referrals are all the lookup has:
        // a join's self-lookup through one bootstrap node whose nearest contacts had mostly died
        // ended there, and the node stayed known to nobody but that one.
        if (answered.size() == 1 && answered.containsKey(c.referrer)) {
            return false;
        }
        Referrals r = referrals.get(c.referrer);
        return r != null && r.failed >= DISTRUST_AFTER_FAILURES && r.failed > r.answered;
    }

    private void recordReferral(Probe probe, boolean answeredOk) {
        if (probe.referrer == null) {
            return;
        }
        Referrals r = referrals.computeIfAbsent(probe.referrer, id -> new Referrals());
        if (answeredOk) {
            r.answered++;
        } else {
            r.failed++;
        }
    }

    /** Runs every path until none can start another request; re-entrant calls just ask for another pass. */
    private void advance() {
        if (advancing) {
            again = true;
            return;
        }
        advancing = true;
        boolean allDone;
        boolean ownerConfirmed;
        try {
            do {
                again = false;
                allDone = true;
                ownerConfirmed = !answered.isEmpty();
                for (Path p : paths) {
                    allDone &= advance(p);
                    ownerConfirmed &= p.ownerConfirmed(ownerFrontNeeded());
                }
            } while (again && !result.isDone());
        } finally {
            advancing = false;
        }
        if (ownerConfirmed && !owner.isDone()) {
            owner.complete(outcome());
        }
        if (allDone) {
            finish();
        }
    }

    /**
     * Starts what requests path {@code p} may; returns whether its k closest live candidates have all
     * answered, and sets its answered front.
     */
    private boolean advance(Path p) {
        int considered = 0;
        boolean done = true;
        p.answeredFront = 0;
        p.frontOpen = true;
        p.frontSeen = 0;
        p.selfFirst = false;
        widening.startPass();
        for (Candidate c : p.candidates.values()) {
            if (c.probe == null && paths.length > 1) { // one path: only this candidate's query makes its probe
                c.probe = probes.get(c.contact.id());
            }
            Probe probe = c.probe;
            if (probe != null && probe.path == p.index && probe.state == State.SLOW && worthWaitingFor(probe)) {
                if (++considered > k) {
                    break;
                }
                passedForOwner(p, c);
                widening.passed(false);
                done = false; // probably alive: one of the k closest, its answer still to come
                continue;
            }
            if (probe != null && (probe.path != p.index || probe.state == State.FAILED || probe.state == State.SLOW)) {
                if (probe.path == p.index && probe.state == State.SLOW && !probe.pastOwnerGrace) {
                    passedForOwner(p, c); // may yet answer as the owner
                }
                continue; // another path's node, or a failed or slow one
            }
            if (probe == null && distrusted(c)) {
                continue;
            }
            if (++considered > k) {
                break;
            }
            passedForOwner(p, c);
            if (probe == null) {
                if (messages >= maxQueries) {
                    continue;
                }
                boolean confirming = widening.confirming();
                if (!confirming && p.inFlight - p.confirmingInFlight >= alpha) {
                    widening.passed(false);
                    done = false;
                    continue;
                }
                probe = query(p, c, confirming);
                c.probe = probe;
            }
            widening.passed(probe.state == State.ANSWERED);
            done &= probe.state == State.ANSWERED;
        }
        // Nobody has answered yet and a slow probe is still open (a join through one bootstrap
        // contact): its late answer is the only way on, so wait for it or its call's timeout rather
        // than finish empty. Once anyone answered, only slow probes worth waiting for (above) hold it.
        return done && (p.slowOpen == 0 || !answered.isEmpty());
    }

    /**
     * How many of a path's closest live candidates must have answered to confirm the owner: the
     * closest alone, as long as everyone asked answered; the α closest once someone did not. A node
     * near the key that has not heard of a newcomer or a departure is likelier where contacts go
     * silent: under 84-s sessions trusting the closest alone named a different owner than the twin
     * lookup in 25% of pairs (the full lookup: 13%), under 30-min sessions it missed as often as the full one.
     */
    private int ownerFrontNeeded() {
        return metSilence ? alpha : 1;
    }

    /** The pass went by {@code c}, one of the path's closest still in the running (its probe, if any, set). */
    private void passedForOwner(Path p, Candidate c) {
        if (!p.frontOpen) {
            return;
        }
        if (p.frontSeen++ == 0 && target.compareXorDistances(self.id(), c.contact.id()) < 0) {
            p.selfFirst = true;
        }
        if (c.probe != null && c.probe.state == State.ANSWERED) {
            p.answeredFront++;
        } else {
            p.frontOpen = false;
        }
    }

    private boolean worthWaitingFor(Probe slow) {
        return patient && slowQueries.worthWaitingFor(slow.contact.address(), rpc.roundTrips(), rpc.scheduler().clock().nanoTime());
    }

    private Probe query(Path p, Candidate c, boolean confirming) {
        Probe probe = new Probe(c.contact, c.depth, p.index, c.referrer, confirming);
        probes.put(c.contact.id(), probe);
        p.inFlight++;
        if (confirming) {
            p.confirmingInFlight++;
        }
        messages++;
        // The callback form: a CompletableFuture stage would wrap each timeout in a CompletionException
        // with a stack trace, most of a lookup's allocation under churn.
        rpc.exchange(c.contact.address(), c.contact.id(), shape.request(target, Math.min(k, MessageLimits.MAX_CONTACTS)), callConfig,
                (reply, failure) -> {
                    probe.softTimer.cancel();
                    probe.graceTimer.cancel();
                    boolean wasSlow = probe.state == State.SLOW;
                    if (wasSlow) {
                        p.slowOpen--;
                    } else {
                        release(p, probe);
                        recordReferral(probe, failure == null);
                    }
                    if (failure != null) {
                        metSilence = true;
                        probe.state = State.FAILED;
                        if (wasSlow) { // reported to the observer when it turned slow
                            slowQueries.neverAnswered();
                        } else {
                            observer.failed(probe.contact, failure);
                        }
                    } else {
                        if (wasSlow) {
                            slowQueries.lateAnswer();
                            observer.answeredLate(probe.contact);
                        }
                        probe.state = State.ANSWERED;
                        answered.put(probe.contact.id(), probe);
                        respondents.add(probe.contact);
                        observer.answered(probe.contact);
                        shape.answered(probe.contact, reply.body());
                        if (!result.isDone()) {
                            for (Contact found : shape.contacts(reply.body())) {
                                offer(p, found, probe.depth + 1, probe.contact.id());
                            }
                        }
                    }
                    if (!result.isDone()) {
                        advance();
                    }
                });
        if (probe.state == State.IN_FLIGHT) {
            long softNanos = rpc.roundTrips().timeoutNanos(c.contact.address());
            // Only a single-attempt call moves on early: a caller that configured retries asked for patience.
            if (callConfig.maxAttempts() == 1 && softNanos < callConfig.attemptTimeoutNanos(1)) {
                probe.softNanos = softNanos;
                probe.softTimer = rpc.scheduler().schedule(Duration.ofNanos(softNanos), () -> slow(p, probe));
            }
        }
        return probe;
    }

    /** The probe outlived its target's round-trip timeout: free its slot, suspect the node, keep listening. */
    private void slow(Path p, Probe probe) {
        if (probe.state != State.IN_FLIGHT) {
            return;
        }
        probe.state = State.SLOW;
        metSilence = true;
        release(p, probe);
        p.slowOpen++;
        recordReferral(probe, false);
        slowQueries.slow();
        observer.slow(probe.contact);
        if (!rpc.roundTrips().knows(probe.contact.address())) {
            // Never heard from directly, only named in replies: under 84-s sessions such a contact
            // is mostly departed, and waiting out its grace was most of the slow tail (1,000 nodes:
            // p99 2.26 -> 1.94 s, success 96.27% -> 96.10%). It still counts if it answers in time.
            probe.pastOwnerGrace = true;
        } else if (!owner.isDone()) {
            // A slow node closer than the answered front may be the owner, answering just past its
            // timeout (most owner ends that differed from the full end at 1,000 nodes were such late
            // answers): it holds the owner end for one more round-trip timeout, not the call's.
            probe.graceTimer = rpc.scheduler().schedule(Duration.ofNanos(probe.softNanos), () -> {
                probe.pastOwnerGrace = true;
                if (!result.isDone()) {
                    advance();
                }
            });
        }
        Contact silent = probe.contact;
        observer.failed(silent, new RpcTimeoutException(() -> "no answer from " + silent
                + " within its round-trip timeout"));
        if (!result.isDone()) {
            advance();
        }
    }

    private static void release(Path p, Probe probe) {
        p.inFlight--;
        if (probe.confirming) {
            p.confirmingInFlight--;
        }
    }

    private void finish() {
        if (result.isDone()) {
            return;
        }
        LookupResult outcome = outcome();
        owner.complete(outcome);
        result.complete(outcome);
    }

    /** The lookup's answer as it stands: the nodes that answered, closest first, the origin among them. */
    private LookupResult outcome() {
        if (answered.isEmpty() && messages > 0) {
            return new LookupResult(target, LookupResult.Status.FAILED, List.of(), 0, messages, respondents);
        }
        List<Contact> closest = new ArrayList<>(k);
        int rounds = -1;
        boolean selfPlaced = false;
        for (Map.Entry<NodeId, Probe> e : answered.entrySet()) {
            if (closest.size() == k) {
                break;
            }
            if (!selfPlaced && target.compareXorDistances(self.id(), e.getKey()) < 0) {
                selfPlaced = true;
                closest.add(self);
                rounds = rounds < 0 ? 0 : rounds;
                if (closest.size() == k) {
                    break;
                }
            }
            closest.add(e.getValue().contact);
            rounds = rounds < 0 ? e.getValue().depth : rounds;
        }
        if (!selfPlaced && closest.size() < k) {
            closest.add(self);
            rounds = rounds < 0 ? 0 : rounds;
        }
        return new LookupResult(target, LookupResult.Status.OK, closest, rounds, messages, respondents);
    }
}
