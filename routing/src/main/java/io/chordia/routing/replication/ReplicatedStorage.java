package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.CheckRecord;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.message.RecordCheck;
import io.chordia.core.message.RecordReply;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.net.HostKey;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.PeerSetRules;
import io.chordia.core.store.RecordRules;
import io.chordia.core.store.RecordStore;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Scheduler;
import io.chordia.core.util.Bytes;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.OverlayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * One node's share of the DHT's data plane: it serves {@link FetchRecord} and {@link StoreRecord}
 * for the records it holds, runs quorum puts and gets for its user, repairs the replicas of what it
 * holds, hands records off when it is no longer responsible, and republishes what it published.
 *
 * <p>Node-thread confined; public methods hop onto the node thread.
 */
public final class ReplicatedStorage {
    /** Range-repaired records' placement is checked by lookup every this many repair rounds (a minute by default). */
    private static final int AUDIT_EVERY_ROUNDS = 6;
    /**
     * How many nodes on each side a departure is looked for among, as a multiple of the replicas:
     * wide enough that a node only pushed out of the replica neighbourhood by newcomers is still seen.
     */
    private static final int WIDE_VIEW_FACTOR = 4;
    private final OverlayNode node;
    private final RpcEndpoint rpc;
    private final Scheduler scheduler;
    private final RecordStore store;
    private final StorageConfig config;
    private final ReplicaPlacement placement;
    private final WriteTokens tokens;
    private final StorelessNodes storeless = new StorelessNodes();
    private final SourceQuotas quotas;
    private final NetworkSizeEstimate networkSize;
    /** Records this node published, by key, republished before they expire. */
    private final Map<NodeId, DhtRecord> published = new LinkedHashMap<>();
    private final List<Cancellable> timers = new ArrayList<>();
    private final StorageStats stats = new StorageStats();
    /** Epoch milliseconds, or null on a node without a wall clock (it refuses peer sets). */
    private final LongSupplier wallMillis;
    private NodeId repairCursor = NodeId.ZERO;
    /** A republish sweep is under way: the next republish waits for it rather than start a second. */
    private boolean sweeping;
    /** A placement audit is under way ({@link #auditPlacement}). */
    private boolean auditing;
    private int repairRounds;
    private final DepartureWatch departures = new DepartureWatch();
    /** Null where the Sybil defense widens replica sets past what a neighbour can tell: every record is checked alone. */
    private final RangeRepair ranges;

    public ReplicatedStorage(OverlayNode node, RecordStore store, StorageConfig config, ReplicaPlacement placement,
                             RandomGenerator random) {
        this(node, store, config, placement, random, null);
    }

    /** {@code wallMillis}: the wall clock (epoch milliseconds) that peer-set entries' expiries are judged by. */
    public ReplicatedStorage(OverlayNode node, RecordStore store, StorageConfig config, ReplicaPlacement placement,
                             RandomGenerator random, LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
        this.node = node;
        this.rpc = node.rpc();
        this.scheduler = rpc.scheduler();
        this.store = store;
        this.config = config;
        this.placement = placement;
        this.tokens = new WriteTokens(random);
        this.quotas = new SourceQuotas(config.maxRecordsPerSource(), SourceQuotas.DEFAULT_CAPACITY);
        this.networkSize = new NetworkSizeEstimate(placement.distance());
        rpc.register(FetchRecord.class, this::onFetch);
        rpc.register(StoreRecord.class, this::onStore);
        rpc.register(CheckRecord.class, this::onCheck);
        this.ranges = config.sybilDefense().mode() != SybilDefense.Mode.NONE ? null
                : new RangeRepair(node.self(), rpc, placement, config.replicas(), config.repairInterval().multipliedBy(3),
                config.repairBatch(), config.rpc(), set -> !storeless.anyIn(set),
                (replica, held) -> ensureHeldByOthers(List.of(replica), withRemainingTtl(held)), stats);
        rpc.register(CompareRange.class, this::onCompare);
    }

    /** Starts token rotation, repair and republishing. */
    public void start() {
        onNode(() -> {
            timers.add(scheduler.scheduleAtFixedRate(config.tokenRotation(), config.tokenRotation(), tokens::rotate));
            timers.add(scheduler.scheduleAtFixedRate(config.repairInterval(), config.repairInterval(), this::repairRound));
            if (ranges != null && !config.reactInterval().isZero()) {
                timers.add(scheduler.scheduleAtFixedRate(config.reactInterval(), config.reactInterval(), this::react));
            }
            timers.add(scheduler.scheduleAtFixedRate(config.republishInterval(), config.republishInterval(), this::republish));
            return null;
        });
    }

    public StorageStats stats() {
        return stats;
    }

    public RecordStore store() {
        return store;
    }

    // ---------------------------------------------------------------- client side

    /**
     * Stores {@code record} on its replicas; succeeds once W of them acknowledged, or all of them
     * when the network has fewer than W nodes. The result says where the record is in any case.
     */
    public CompletableFuture<PutResult> put(DhtRecord record, long expectedVersion) {
        return onNode(() -> locate(record.key())
                .thenCompose(where -> storeOnReplicas(where, record, expectedVersion))
                .thenApply(result -> {
                    if (result.status() == PutResult.Status.OK) {
                        published.put(record.key(), record);
                    }
                    return result;
                })).thenCompose(f -> f);
    }

    public CompletableFuture<PutResult> put(DhtRecord record) {
        return put(record, -1);
    }

    /** Reads {@code key} from all its replicas (at least R must answer), returns the newest, repairs the rest. */
    public CompletableFuture<GetResult> get(NodeId key) {
        return onNode(() -> locateAgainIfFailed(key).thenCompose(where -> read(key, where))
                .thenCompose(first -> first.status() == GetResult.Status.NOT_FOUND ? confirmNotFound(key, first)
                        : CompletableFuture.completedFuture(first))
                .thenApply(this::counted)).thenCompose(f -> f);
    }

    private CompletableFuture<GetResult> read(NodeId key, Located where) {
        List<Contact> replicas = replicaSet(where);
        return fetchFrom(key, replicas).thenCompose(first -> {
            List<Contact> again = replicaSet(where);
            // A replica turned out to hold no records (a bootstrap node): read the set without it.
            return again.equals(replicas) ? CompletableFuture.completedFuture(first) : fetchFrom(key, again);
        });
    }

    /**
     * "Not found" is said only after a second lookup agrees: under churn a lookup can miss a key's nearest
     * nodes and end at others that never held it, whose "not found" makes a read quorum (a 700-node
     * Kademlia run lost a key so that its three replicas held to the end). The second lookup starts from a
     * table the first one cleaned of silent contacts; a replica set it finds that the first did not ask is
     * read. A key that was never stored costs one lookup more.
     */
    private CompletableFuture<GetResult> confirmNotFound(NodeId key, GetResult first) {
        return locate(key).handle((where, failure) -> {
            if (where == null) {
                return CompletableFuture.completedFuture(first);
            }
            List<Contact> replicas = replicaSet(where);
            if (first.answered().containsAll(replicas)) {
                return CompletableFuture.completedFuture(first);
            }
            stats.notFoundRechecks.increment();
            return read(key, where).thenApply(second -> second.status() == GetResult.Status.FOUND ? second : first);
        }).thenCompose(f -> f);
    }

    private GetResult counted(GetResult result) {
        (result.status() == GetResult.Status.FOUND ? stats.getsFound
                : result.status() == GetResult.Status.NOT_FOUND ? stats.getsNotFound : stats.getsFailed).increment();
        return result;
    }

    /** What a lookup of a key found: the nodes nearest it, and those that answered on the way. */
    private record Located(NodeId key, List<Contact> closest, List<Contact> path) {}

    private CompletableFuture<Located> locate(NodeId key) {
        return node.lookup(key, LookupStyle.ITERATIVE).thenApply(result -> {
            if (!result.succeeded()) {
                throw new CompletionException(new java.io.IOException("lookup of " + key.shortId() + " failed: " + result.status()));
            }
            networkSize.record(key, result.closest());
            return new Located(key, result.closest(), result.path());
        });
    }

    /**
     * A get's lookup, made once more when no node answered it: every contact it tried was silent
     * (departed ones the routing table still held), and those failures took them out of the next
     * lookup's way. At the end of a churning Kademlia run a reader whose table was mostly departed
     * nodes failed to read records their three replicas held.
     */
    private CompletableFuture<Located> locateAgainIfFailed(NodeId key) {
        return locate(key).handle((where, failure) -> where != null ? CompletableFuture.completedFuture(where)
                : locate(key)).thenCompose(f -> f);
    }

    private CompletableFuture<List<Contact>> replicasOf(NodeId key) {
        return locate(key).thenApply(this::replicaSet);
    }

    /**
     * The first N of the nodes found nearest the key that hold records, or more as the Sybil
     * defense reaches past nodes crowding the key ({@link SybilDefense}). A lookup that met no more
     * than N such nodes in all has met the whole network as far as anyone knows, and every one of
     * them is a replica: the nodes that answered on the way and this node too. Chord's answer
     * (the owner and its successors) leaves them out in a ring of fewer than N + 1 nodes, where
     * the successor lists wrap round to the asker.
     */
    private List<Contact> replicaSet(Located where) {
        List<Contact> replicas = new ArrayList<>(storeless.without(where.closest()));
        int wanted = replicaCount(where.key(), replicas);
        if (replicas.size() > wanted) {
            return List.copyOf(replicas.subList(0, wanted));
        }
        List<Contact> met = new ArrayList<>(where.path());
        met.add(node.self());
        List<Contact> more = new ArrayList<>();
        for (Contact c : storeless.without(met)) {
            if (replicas.stream().noneMatch(r -> r.id().equals(c.id())) && more.stream().noneMatch(r -> r.id().equals(c.id()))) {
                more.add(c);
            }
        }
        if (replicas.size() + more.size() <= config.replicas()) {
            replicas.addAll(more);
        }
        return List.copyOf(replicas);
    }

    private int replicaCount(NodeId key, List<Contact> nearest) {
        return config.sybilDefense().replicaCount(key, nearest, config.replicas(), placement.distance(), networkSize.nodes());
    }

    /** What a round of stores came to: who stored it, and a definitive refusal if there was one. */
    private record Stores(List<Contact> acked, ErrorCode refusal, String detail) {
        Stores plus(Stores more) {
            List<Contact> all = new ArrayList<>(acked);
            all.addAll(more.acked);
            return more.refusal != null ? new Stores(all, more.refusal, more.detail) : new Stores(all, refusal, detail);
        }
    }

    /**
     * Stores on the replica set; when a replica turns out to hold no records, on the node that
     * replaces it in the set as well, so the record has as many replicas as the network allows.
     */
    private CompletableFuture<PutResult> storeOnReplicas(Located where, DhtRecord record, long expectedVersion) {
        List<Contact> replicas = replicaSet(where);
        return storeOn(replicas, record, expectedVersion).thenCompose(first -> {
            List<Contact> added = replicaSet(where).stream()
                    .filter(c -> replicas.stream().noneMatch(r -> r.id().equals(c.id()))).toList();
            return added.isEmpty() ? CompletableFuture.completedFuture(first)
                    : storeOn(added, record, expectedVersion).thenApply(first::plus);
        }).thenApply(stores -> result(replicaSet(where), stores, record));
    }

    private CompletableFuture<Stores> storeOn(List<Contact> replicas, DhtRecord record, long expectedVersion) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<Contact> acked = new ArrayList<>();
        ErrorCode[] refusal = new ErrorCode[1];
        String[] detail = {""};
        for (Contact replica : replicas) {
            writes.add(storeOn(replica, record, expectedVersion).handle((ok, failure) -> {
                Throwable cause = unwrap(failure);
                if (cause == null) {
                    acked.add(replica);
                } else if (cause instanceof RemoteErrorException remote && isDefinitive(remote.code())) {
                    refusal[0] = remote.code();
                    detail[0] = remote.getMessage();
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> new Stores(acked, refusal[0], String.valueOf(detail[0])));
    }

    private PutResult result(List<Contact> replicas, Stores stores, DhtRecord record) {
        // W, bounded by the replicas that exist: in a network of fewer than W nodes every one of them must store it.
        int quorum = Math.max(1, Math.min(config.writeQuorum(), replicas.size()));
        List<Contact> acked = stores.acked();
        if (acked.size() >= quorum) {
            stats.putsOk.increment();
            return new PutResult(PutResult.Status.OK, acked, replicas, config.replicas(), quorum, record.version(), null, "");
        }
        stats.putsFailed.increment();
        return stores.refusal() != null
                ? new PutResult(PutResult.Status.REFUSED, acked, replicas, config.replicas(), quorum, record.version(),
                stores.refusal(), stores.detail())
                : new PutResult(PutResult.Status.FAILED, acked, replicas, config.replicas(), quorum, record.version(),
                null, acked.size() + " of " + replicas.size() + " replicas stored it, " + quorum + " needed");
    }

    private static boolean isDefinitive(ErrorCode code) {
        return code == ErrorCode.STALE || code == ErrorCode.CONFLICT || code == ErrorCode.BAD_SIGNATURE
                || code == ErrorCode.CAS_FAILED || code == ErrorCode.KEY_MISMATCH;
    }

    /** Fetch (for the token), then store; on ourselves, apply the rules directly. */
    private CompletableFuture<Void> storeOn(Contact replica, DhtRecord record, long expectedVersion) {
        if (replica.id().equals(node.self().id())) {
            try {
                accept(record, expectedVersion, null);
                return CompletableFuture.completedFuture(null);
            } catch (RequestRefusedException e) {
                return CompletableFuture.failedFuture(new RemoteErrorException(e.toReply().code(), e.getMessage()));
            }
        }
        return rpc.exchange(replica.address(), replica.id(), new FetchRecord(record.key()), config.rpc())
                .whenComplete((reply, failure) -> storeless.learn(replica, failure))
                .thenCompose(reply -> rpc.exchange(replica.address(), replica.id(),
                        new StoreRecord(record, expectedVersion, reply.body().token()), config.rpc()))
                .thenApply(ack -> null);
    }

    private record Answer(Contact replica, DhtRecord record, Bytes token) {}

    private CompletableFuture<GetResult> fetchFrom(NodeId key, List<Contact> replicas) {
        List<CompletableFuture<Answer>> reads = new ArrayList<>();
        for (Contact replica : replicas) {
            reads.add(fetchOne(replica, key).exceptionally(failure -> null));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Answer> answers = new ArrayList<>();
            reads.forEach(f -> {
                if (f.join() != null) {
                    answers.add(f.join());
                }
            });
            List<Contact> answered = answers.stream().map(Answer::replica).toList();
            if (answers.size() < Math.min(config.readQuorum(), replicas.size())) {
                return new GetResult(GetResult.Status.FAILED, null, answered);
            }
            DhtRecord newest = null;
            for (Answer a : answers) {
                if (a.record() != null && RecordRules.verify(a.record())) {
                    newest = RecordRules.preferred(newest, a.record(), wallSeconds());
                }
            }
            if (newest == null) {
                return new GetResult(GetResult.Status.NOT_FOUND, null, answered);
            }
            for (Answer a : answers) {
                if (a.record() == null || !a.record().sameContent(newest)) {
                    readRepair(a, newest);
                }
            }
            return new GetResult(GetResult.Status.FOUND, newest, answered);
        });
    }

    private CompletableFuture<Answer> fetchOne(Contact replica, NodeId key) {
        if (replica.id().equals(node.self().id())) {
            StoredRecord held = liveRecord(key);
            return CompletableFuture.completedFuture(new Answer(replica, held == null ? null : held.record(), Bytes.EMPTY));
        }
        return rpc.exchange(replica.address(), replica.id(), new FetchRecord(key), config.rpc())
                .whenComplete((reply, failure) -> storeless.learn(replica, failure))
                .thenApply(reply -> new Answer(replica, reply.body().records().isEmpty() ? null
                        : reply.body().records().get(0), reply.body().token()));
    }

    private void readRepair(Answer stale, DhtRecord newest) {
        stats.readRepairs.increment();
        if (stale.replica().id().equals(node.self().id())) {
            try {
                accept(newest, -1, null);
            } catch (RequestRefusedException ignored) {
                // Our copy is newer after all; nothing to repair.
            }
            return;
        }
        rpc.exchange(stale.replica().address(), stale.replica().id(), new StoreRecord(newest, -1, stale.token()), config.rpc());
    }

    // ---------------------------------------------------------------- server side

    private RecordReply onFetch(FetchRecord request, RequestContext context) {
        StoredRecord held = liveRecord(request.key());
        return new RecordReply(held == null ? List.of() : List.of(held.record()), tokens.tokenFor(context.source()));
    }

    private RecordCheck onCheck(CheckRecord request, RequestContext context) {
        StoredRecord held = liveRecord(request.key());
        boolean needed = held == null
                || !RecordRules.sameOrNewer(held.record(), request.version(), request.writer(), request.digest());
        return new RecordCheck(needed, needed ? tokens.tokenFor(context.source()) : Bytes.EMPTY);
    }

    private RangeDigests onCompare(CompareRange request, RequestContext context) {
        return ranges == null ? RangeDigests.listing(List.of())
                : ranges.onCompare(request, context, store::all, scheduler.clock().nanoTime());
    }

    private Ack onStore(StoreRecord request, RequestContext context) {
        if (!tokens.isValid(request.token(), context.source())) {
            stats.refusedTokens.increment();
            throw new RequestRefusedException(ErrorCode.BAD_TOKEN, "no valid write token for " + context.source());
        }
        Address from = context.source();
        // A replica neighbour's repair or hand-off is charged to nobody: see ReplicaPlacement.
        boolean neighbour = placement.isReplicaNeighbour(request.record().key(), from, config.replicas());
        accept(request.record(), request.expectedVersion(), neighbour ? null : HostKey.of(from));
        return new Ack();
    }

    /**
     * Applies the record rules and quotas, and stores; throws {@link RequestRefusedException} to
     * refuse. The copy held is charged to {@code source}, or to nobody when null (this node's own
     * writes, a replica neighbour's).
     */
    private void accept(DhtRecord record, long expectedVersion, String source) {
        StoredRecord held = liveRecord(record.key());
        RecordRules.Verdict verdict = RecordRules.decide(held == null ? null : held.record(), record, expectedVersion,
                wallSeconds());
        if (!verdict.accepted()) {
            stats.refusedRules.increment();
            throw new RequestRefusedException(verdict.refusal(), verdict.reason());
        }
        long now = scheduler.clock().nanoTime();
        String overQuota = source == null ? null : quotas.refusal(source, record.key(), now);
        if (overQuota != null) {
            stats.refusedQuota.increment();
            throw new RequestRefusedException(ErrorCode.QUOTA_EXCEEDED, overQuota);
        }
        DhtRecord kept = verdict.merged() != null ? verdict.merged()
                : verdict.changed() || held == null ? record : held.record().withTtl(record.ttl());
        long growth = kept.value().length() - (held == null ? 0 : held.record().value().length());
        if (growth > 0 && store.valueBytes() + growth > config.maxValueBytes()) {
            stats.refusedQuota.increment();
            throw new RequestRefusedException(ErrorCode.QUOTA_EXCEEDED, "this node holds its maximum of values");
        }
        long expiresAt = now + kept.ttl().toNanos();
        store.put(new StoredRecord(kept, expiresAt));
        changed();
        if (source == null) {
            quotas.release(record.key());
        } else {
            stats.mostChargedToOneSource.accumulate(quotas.charge(record.key(), source, expiresAt));
        }
        stats.stored.increment();
    }

    /** Forgets a record that expired or was handed off, and whoever it was charged to. */
    private void remove(NodeId key) {
        store.remove(key);
        quotas.release(key);
        changed();
    }

    private void changed() {
        if (ranges != null) {
            ranges.invalidate();
        }
    }

    private long wallSeconds() {
        return wallMillis == null ? PeerSetRules.NO_WALL_CLOCK : Math.floorDiv(wallMillis.getAsLong(), 1000);
    }

    private StoredRecord liveRecord(NodeId key) {
        StoredRecord held = store.get(key);
        if (held != null && held.isExpired(scheduler.clock().nanoTime())) {
            remove(key);
            stats.expired.increment();
            return null;
        }
        return held;
    }

    // ---------------------------------------------------------------- maintenance

    /**
     * Drops expired records, compares range digests with every replica neighbour ({@link RangeRepair}),
     * and checks up to {@code repairBatch} of the records that comparison cannot place, resuming where
     * the last round stopped: restores missing replicas, and hands off records this node is no longer
     * a replica of (deleting its copy once every replica acknowledged).
     */
    void repairRound() {
        if (store.size() == 0) {
            return;
        }
        if (config.sybilDefense().mode() != SybilDefense.Mode.NONE) {
            // A holder that made no lookup still needs a window, or it would hand records off to the nearest N.
            node.leafSet(8).thenAccept(known -> networkSize.recordNeighbourhood(node.self().id(), known));
        }
        long now = scheduler.clock().nanoTime();
        List<StoredRecord> live = unexpired(now);
        List<StoredRecord> alone = ranges == null ? live : ranges.round(live, now);
        if (ranges != null && ++repairRounds % AUDIT_EVERY_ROUNDS == 0) {
            java.util.Set<NodeId> unplaced = new java.util.HashSet<>();
            alone.forEach(r -> unplaced.add(r.record().key()));
            auditPlacement(live.stream().filter(r -> !unplaced.contains(r.record().key())).toList());
        }
        if (alone.isEmpty()) {
            return;
        }
        int start = 0;
        while (start < alone.size() && alone.get(start).record().key().compareTo(repairCursor) <= 0) {
            start++;
        }
        for (int i = 0; i < alone.size() && i < config.repairBatch(); i++) {
            StoredRecord held = alone.get((start + i) % alone.size());
            repairCursor = held.record().key();
            repair(withRemainingTtl(held));
        }
    }

    /** The records held, after dropping those expired. */
    private List<StoredRecord> unexpired(long now) {
        List<StoredRecord> all = store.all();
        List<StoredRecord> live = new ArrayList<>(all.size());
        for (StoredRecord held : all) {
            if (held.isExpired(now)) {
                remove(held.record().key());
                stats.expired.increment();
            } else {
                live.add(held);
            }
        }
        return live;
    }

    /**
     * Compares ranges with the replica neighbours at once, outside the rounds, when one of them
     * departed from this node's view or fell silent to a comparison: the records it held are a
     * replica short until the next in line has them, and three replicas dying within that window
     * lose the record. Waiting for the next round left them short 11 s on average (the round's 10
     * s after the departure was noticed). Only the range comparison: hand-offs are not urgent.
     */
    private void react() {
        int n = config.replicas();
        boolean departed = departures.departed(placement.neighbourhood(n), () -> placement.neighbourhood(WIDE_VIEW_FACTOR * n));
        if (!(departed | ranges.heardSilence()) || store.size() == 0) {
            return;
        }
        List<StoredRecord> live = unexpired(scheduler.clock().nanoTime());
        if (!live.isEmpty()) {
            stats.reactiveRounds.increment();
            ranges.round(live, scheduler.clock().nanoTime());
        }
    }

    /**
     * The record as this replica should pass it on: with the time it has left, so that moving a
     * record never extends its life; only its origin's republish does.
     */
    private DhtRecord withRemainingTtl(StoredRecord held) {
        long left = held.expiresAtNanos() - scheduler.clock().nanoTime();
        return held.record().withTtl(java.time.Duration.ofNanos(Math.max(left, 1_000_000_000L)));
    }

    private void repair(DhtRecord record) {
        List<Contact> candidates = placement.localReplicas(record.key(), config.sybilDefense().candidatesWanted(config.replicas()));
        List<Contact> local = candidates.subList(0, replicaCount(record.key(), candidates));
        // A set naming a node that holds no records is a set a replica short: the lookup's is not.
        CompletableFuture<List<Contact>> replicas = local.isEmpty() || storeless.anyIn(local) ? replicasOf(record.key())
                : CompletableFuture.completedFuture(local);
        replicas.thenAccept(set -> {
            boolean responsible = set.stream().anyMatch(c -> c.id().equals(node.self().id()));
            List<CompletableFuture<Boolean>> pushes = ensureHeldByOthers(set, record);
            if (!responsible) {
                CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).thenRun(() -> {
                    if (pushes.stream().allMatch(p -> Boolean.TRUE.equals(p.join())) && set.size() >= config.replicas()) {
                        remove(record.key());
                        stats.handedOff.increment();
                    }
                });
            }
        }).exceptionally(failure -> null);
    }

    /** {@link #ensureHeld} on every replica in {@code set} but this node, with one digest for all. */
    private List<CompletableFuture<Boolean>> ensureHeldByOthers(List<Contact> set, DhtRecord record) {
        CheckRecord check = new CheckRecord(record.key(), record.version(), record.writer(), record.contentDigest());
        List<CompletableFuture<Boolean>> pushes = new ArrayList<>();
        for (Contact replica : set) {
            if (!replica.id().equals(node.self().id())) {
                pushes.add(ensureHeld(replica, record, check));
            }
        }
        return pushes;
    }

    /**
     * Makes sure {@code replica} holds {@code record} or newer; completes with whether it does. The
     * check carries a digest, not the value, so an up-to-date replica costs two small datagrams.
     */
    private CompletableFuture<Boolean> ensureHeld(Contact replica, DhtRecord record, CheckRecord check) {
        stats.recordChecks.increment();
        return rpc.exchange(replica.address(), replica.id(), check, config.rpc())
                .whenComplete((reply, failure) -> storeless.learn(replica, failure))
                .thenCompose(reply -> {
                    if (!reply.body().needed()) {
                        return CompletableFuture.completedFuture(true);
                    }
                    stats.repairStores.increment();
                    return rpc.exchange(replica.address(), replica.id(), new StoreRecord(record, -1, reply.body().token()),
                            config.rpc()).thenApply(ack -> true);
                })
                .exceptionally(failure -> false);
    }

    /**
     * Stores every published record on its replicas again. Where the Sybil defense may widen a
     * key's replica set, each key gets its own lookup; otherwise one lookup serves a whole region
     * of keys ({@link RepublishRegions}), one region after another.
     */
    private void republish() {
        List<DhtRecord> records = new ArrayList<>(published.values());
        if (config.sybilDefense().mode() != SybilDefense.Mode.NONE) {
            for (DhtRecord record : records) {
                stats.republishLookups.increment();
                locate(record.key()).thenCompose(where -> storeOnReplicas(where, record, -1)).exceptionally(f -> null);
            }
            return;
        }
        if (!sweeping && !records.isEmpty()) {
            sweeping = true;
            records.sort(java.util.Comparator.comparing(DhtRecord::key));
            sweep(records.stream().map(DhtRecord::key).toList(), 0, stats.republishLookups,
                    (i, at) -> storeOnReplicas(at, records.get(i), -1), () -> sweeping = false);
        }
    }

    /**
     * Checks, one lookup per key region, that the replicas this node's own view names for the
     * records it range-repairs are the ones a lookup finds, and makes sure any replica the view
     * missed holds the record: a routing table may lack a newcomer that a lookup meets. Costs a
     * lookup per region and nothing more where the views agree.
     */
    private void auditPlacement(List<StoredRecord> records) {
        if (auditing || records.isEmpty()) {
            return;
        }
        auditing = true;
        sweep(records.stream().map(r -> r.record().key()).toList(), 0, stats.auditLookups, (i, at) -> {
            StoredRecord held = records.get(i);
            List<Contact> local = placement.localReplicas(held.record().key(), config.replicas());
            List<Contact> missed = replicaSet(at).stream()
                    .filter(c -> local.stream().noneMatch(l -> l.id().equals(c.id()))).toList();
            return missed.isEmpty() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.allOf(ensureHeldByOthers(missed, withRemainingTtl(held)).toArray(CompletableFuture[]::new));
        }, () -> auditing = false);
    }

    /**
     * One lookup per key region ({@link RepublishRegions}) over {@code keys} (ascending), one region
     * after another: {@code action} gets each served key's index and where it is, and the next
     * region waits for this one's actions, so one region's calls are in flight at a time.
     */
    private void sweep(List<NodeId> keys, int from, java.util.concurrent.atomic.LongAdder lookups,
                       java.util.function.BiFunction<Integer, Located, CompletableFuture<?>> action, Runnable done) {
        if (from >= keys.size()) {
            done.run();
            return;
        }
        lookups.increment();
        locate(keys.get(from)).handle((where, failure) -> {
            int run = where == null ? 1 : RepublishRegions.servedRun(placement.distance(), keys, from, where.closest(),
                    storeless.without(where.closest()), config.replicas());
            List<CompletableFuture<?>> actions = new ArrayList<>();
            for (int i = from; where != null && i < from + run; i++) {
                NodeId key = keys.get(i);
                Located at = i == from ? where : new Located(key,
                        RepublishRegions.nearest(placement.distance(), key, where.closest()), where.path());
                actions.add(action.apply(i, at).exceptionally(f -> null));
            }
            // A chain on the node thread, not a recursion.
            CompletableFuture.allOf(actions.toArray(CompletableFuture[]::new))
                    .whenComplete((ok, ignored) -> scheduler.execute(() -> sweep(keys, from + run, lookups, action, done)));
            return null;
        });
    }

    /** Pushes every held record to its replicas, then leaves the overlay. */
    public CompletableFuture<Void> leave() {
        return onNode(() -> {
            stop();
            List<CompletableFuture<?>> handoffs = new ArrayList<>();
            for (StoredRecord held : store.all()) {
                DhtRecord record = withRemainingTtl(held);
                handoffs.add(replicasOf(record.key())
                        .thenCompose(set -> CompletableFuture.allOf(ensureHeldByOthers(set, record).toArray(CompletableFuture[]::new)))
                        .exceptionally(f -> null));
            }
            return CompletableFuture.allOf(handoffs.toArray(CompletableFuture[]::new)).thenCompose(ignored -> node.leave());
        }).thenCompose(f -> f);
    }

    /** Stops the timers (the overlay node is stopped separately). */
    public void stop() {
        timers.forEach(Cancellable::cancel);
        timers.clear();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private <T> CompletableFuture<T> onNode(java.util.function.Supplier<T> work) {
        if (scheduler.inNodeThread()) {
            return CompletableFuture.completedFuture(work.get());
        }
        return CompletableFuture.supplyAsync(work, scheduler);
    }
}
