package io.chordia.sim.scenario;

import io.chordia.core.id.NodeId;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.RecordRules;
import io.chordia.core.util.Bytes;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.replication.KeyDistance;
import io.chordia.sim.metrics.SizeEstimates;
import io.chordia.sim.metrics.LookupConsistency;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.routing.replication.SybilDefense;
import io.chordia.sim.attack.CensoringStorage;
import io.chordia.sim.attack.SybilAttack;
import io.chordia.sim.metrics.KeyCensus;
import io.chordia.sim.metrics.KeyHolders;
import io.chordia.sim.metrics.OracleLatency;
import io.chordia.sim.metrics.Samples;
import io.chordia.sim.metrics.SeriesRecorder;
import io.chordia.sim.world.Host;
import io.chordia.sim.world.Membership;
import io.chordia.sim.world.Overlay;
import io.chordia.sim.world.Peer;
import io.chordia.sim.world.SimSubstrate;
import io.chordia.sim.world.Substrate;
import io.chordia.sim.world.UdpSubstrate;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Runs one scenario: builds a converged network, stores the keys, then for the scenario's duration
 * makes lookups spread over time, replaces departing nodes (churn) and crashes a fraction at half
 * time; finally reads the keys back. Each lookup is graded against the oracle when it completes.
 * Every scenario event runs on the substrate's control thread.
 */
public final class ScenarioRunner {
    /** Receives the fraction of the run done, from the driving thread. */
    public interface Progress {
        void update(double fraction);

        default void done() {}

        Progress NONE = fraction -> {};
    }

    private static final long STEP_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long DRAIN_NANOS = Duration.ofMinutes(2).toNanos();
    /** Reads of each targeted key at the end, from random honest nodes: enough to resolve 1%. */
    public static final int TARGET_READS = 32;

    private final ScenarioConfig config;
    private final ScenarioTuning tuning;
    private final PrintWriter diagnostics;
    private final RandomStreams streams;
    private final RandomGenerator ids;
    private final RandomGenerator workload;
    private final RandomGenerator churn;
    private final RandomGenerator twins;
    private final SybilAttack attack;
    private final Membership live = new Membership();
    private final Samples hops = new Samples();
    private final Samples latencyMicros = new Samples();
    /** Null on the UDP network, whose delays are loopback's, not a model's. */
    private final OracleLatency oracle;
    private final SeriesRecorder series = new SeriesRecorder();
    private final Map<Long, Peer> pendingLookups = new LinkedHashMap<>();
    /** Per stored key, the record a read must return (or a newer one), as the writes were acknowledged. */
    private final Map<NodeId, DhtRecord> expected = new LinkedHashMap<>();
    private PartitionEpisode partition;
    private long keysLostToConflicts;
    private final QuotaTally quotas = new QuotaTally();
    private KeyCensus census = KeyCensus.OFF;
    private Substrate substrate;
    private Overlay overlay;
    private long endNanos;
    private int nextHost;
    private long lookupsStarted;
    private long lookupsSucceeded;
    private long lookupsFinished;
    private final LookupConsistency consistency = new LookupConsistency();
    private long joins;
    private long failedJoins;
    private long departures;
    private long massFailures;
    private int invariantViolations;
    private double liveNodeSum;
    private long liveNodeSamples;

    public ScenarioRunner(ScenarioConfig config) {
        this(config, ScenarioTuning.defaults());
    }

    public ScenarioRunner(ScenarioConfig config, ScenarioTuning tuning) {
        this(config, tuning, new PrintWriter(System.err, true));
    }

    /** {@code diagnostics}: where debugging output asked for by the tuning (the key census) goes. */
    public ScenarioRunner(ScenarioConfig config, ScenarioTuning tuning, PrintWriter diagnostics) {
        this.diagnostics = diagnostics;
        this.config = config;
        this.tuning = tuning;
        this.streams = new RandomStreams(config.seed());
        this.ids = streams.stream("ids");
        this.workload = streams.stream("workload");
        this.churn = streams.stream("churn");
        this.twins = streams.stream("consistency-pairs");
        this.attack = new SybilAttack(config.sybil(), config.replicas(),
                config.protocol().overlay().keyDistance(),
                config.sybil().attacks() ? keyIds() : List.of(), streams.stream("sybil"));
        this.oracle = config.network() == NetworkKind.UDP ? null
                : new OracleLatency(config.latency().model(), streams.stream("oracle"));
    }

    private List<NodeId> keyIds() {
        List<NodeId> out = new ArrayList<>(config.keys());
        for (int k = 0; k < config.keys(); k++) {
            out.add(keyId(k));
        }
        return out;
    }

    private static NodeId keyId(int k) {
        return NodeId.sha1Of("key " + k);
    }

    public Summary run(Progress progress) {
        long wallStart = System.nanoTime();
        try (Substrate s = newSubstrate()) {
            substrate = s;
            overlay = newOverlay();
            if (!config.partition().isNone()) {
                partition = new PartitionEpisode(config.partition(), substrate, overlay, live, streams.stream("partition"));
            }
            build();
            storeKeys();
            long runWallStart = System.nanoTime();
            long runCpuStart = threadCpuNanos();
            double setupSeconds = (runWallStart - wallStart) / 1e9;
            long eventsAtStart = substrate.events();
            long messagesAtStart = substrate.messages();
            long bytesAtStart = substrate.bytes();
            long start = substrate.nowNanos();
            endNanos = start + config.duration().toNanos();
            onControl(() -> {
                schedule(start);
                census = KeyCensus.every(tuning.keyCensus(), substrate, live::inIdOrder, expected, config.replicas(),
                        this::replicasByOracle, endNanos + DRAIN_NANOS);
            });
            series.start(messagesAtStart, bytesAtStart);
            long steps = (config.duration().toNanos() + STEP_NANOS - 1) / STEP_NANOS;
            for (long i = 1; i <= steps; i++) {
                substrate.runUntil(Math.min(endNanos, start + i * STEP_NANOS));
                onControl(this::closeStep);
                progress.update((double) i / steps);
            }
            progress.done();
            double runWall = (System.nanoTime() - runWallStart) / 1e9;
            Double runCpu = runCpuStart < 0 || config.network() == NetworkKind.UDP ? null
                    : (threadCpuNanos() - runCpuStart) / 1e9;
            long events = substrate.events() - eventsAtStart;
            long messages = substrate.messages() - messagesAtStart;
            long bytes = substrate.bytes() - bytesAtStart;
            double liveNodeSeconds = meanLiveNodes() * config.duration().toNanos() / 1e9;
            substrate.runUntil(() -> pendingLookups.isEmpty(), DRAIN_NANOS);
            long abandoned = onControl(this::abandonPending);
            ReadBack everyKey = expected.isEmpty() ? ReadBack.NONE : readBack(new ArrayList<>(expected.values()), 1, census);
            ReadBack targeted = attack.targets().isEmpty() ? ReadBack.NONE
                    : readBack(targetedRecords(), TARGET_READS, KeyCensus.OFF);
            Integer violations = ringViolations();
            Integer rings = substrate.singleThreaded() && overlay.hasRing()
                    ? onControl(() -> overlay.rings(live.inIdOrder())) : null;
            String trace = substrate instanceof SimSubstrate sim ? sim.network().trace().toString() : null;
            return new Summary(lower(config.protocol()), lower(config.lookupStyle()), lower(config.network()), config.nodes(),
                    config.seed(), config.duration().toNanos() / 1e9, (System.nanoTime() - wallStart) / 1e9, setupSeconds,
                    runCpu, events, events / runWall, messages, messages / runWall, bytes, lookupsFinished, abandoned,
                    lookupsFinished == 0 ? 0 : (double) lookupsSucceeded / lookupsFinished, consistency.rate(), hops.mean(),
                    hops.percentile(50), hops.percentile(99), latencyMicros.mean() / 1000.0, latencyMicros.percentile(50) / 1000.0,
                    latencyMicros.percentile(90) / 1000.0, latencyMicros.percentile(99) / 1000.0, oracle == null ? null : oracle.percentileMs(50),
                    oracle == null ? null : oracle.percentileMs(99), liveNodeSeconds == 0 ? 0 : bytes / liveNodeSeconds,
                    tuning.countBytes() ? tuning.costModel().optionName() : "none",
                    expected.size(), everyKey.lost(), everyKey.notHeld(), everyKey.notHeld() == null ? null
                    : everyKey.lost() - everyKey.notHeld(), onControl(() -> quotas.refusals(live.inIdOrder())),
                    onControl(() -> quotas.peak(live.inIdOrder())),
                    onControl(() -> QuotaTally.mostRecordsOnANode(live.inIdOrder())), violations, joins, failedJoins, departures, massFailures, live.size(),
                    config.churns() ? lower(config.churnModel()) : "none", config.churnMedian().toNanos() / 1e9,
                    config.loss(), config.network() == NetworkKind.UDP ? "loopback" : config.latency().text(), trace,
                    rings, partition == null ? null : partition.mergeSeconds(), keysLostToConflicts,
                    partition == null ? null : partition.sameSideSuccess(),
                    partition == null ? null : partition.crossSideSuccess(),
                    partition == null ? null : partition.afterHealSuccess(), config.sybil().attackers(),
                    config.sybil().subnets(), lower(config.sybil().defense()), everyKey.censored(), targeted.censored(),
                    onControl(() -> SizeEstimates.median(live.inIdOrder().stream().map(Peer::node).toList())),
                    overlay.bucketSize(), series.rows());
        }
    }

    /** CPU time of this thread, or -1 where the JVM cannot tell. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private Substrate newSubstrate() {
        if (config.network() == NetworkKind.UDP) {
            return new UdpSubstrate(tuning.udpEventLoops());
        }
        LinkConditions link = LinkConditions.of(config.latency().model()).withLoss(config.loss());
        return new SimSubstrate(streams.stream("network"), link,
                tuning.countBytes() ? tuning.costModel().sizer(config.protocol().wire()) : null);
    }

    private Overlay newOverlay() {
        StorageConfig storage = StorageConfig.defaults().withReplicas(config.replicas(), Math.min(2, config.replicas()),
                Math.min(2, config.replicas()))
                .withQuotas(tuning.recordsPerSource(), StorageConfig.defaults().maxValueBytes())
                .withSybilDefense(SybilDefense.defaults().withMode(config.sybil().defense()));
        return ScenarioOverlays.of(config, tuning, storage);
    }

    // ---- building ------------------------------------------------------------------------------

    private void build() {
        List<Peer> peers = new ArrayList<>(config.nodes());
        onControl(() -> {
            for (int i = 0; i < config.nodes(); i++) {
                peers.add(newPeer());
            }
            for (int i = 0; i < attack.ids().size(); i++) {
                peers.add(newAttacker(i));
            }
            peers.sort(Comparator.comparing(p -> p.node().self().id()));
            return null;
        });
        List<CompletableFuture<Void>> installed = overlay.installConverged(peers, streams.stream("converged"));
        awaitAll(installed, "the converged network to be installed");
        onControl(() -> {
            for (Peer p : peers) {
                live.add(p);
                if (p.storage() != null) {
                    p.storage().start();
                }
            }
            return null;
        });
    }

    private Peer newPeer() {
        int index = nextHost++;
        Host host = substrate.newHost(index);
        return overlay.create(host, NodeId.random(ids), streams.stream("node", index), streams.stream("storage", index),
                config.keys() > 0);
    }

    /** A node with an id ground near a target key that keeps nothing it is asked to store. */
    private Peer newAttacker(int i) {
        int index = nextHost++;
        Host host = substrate.newHost(index, attack.address(i));
        Peer peer = overlay.create(host, attack.ids().get(i), streams.stream("node", index),
                streams.stream("storage", index), false);
        new CensoringStorage(peer.node().rpc());
        return peer;
    }

    /** A random live node that stores honestly: where the workload's puts and gets start. */
    private Peer honestRandom(RandomGenerator random) {
        for (int tries = 0; tries < 10_000; tries++) {
            Peer p = live.random(random);
            if (p.storage() != null) {
                return p;
            }
        }
        throw new IllegalStateException("no honest node found among " + live.size() + " live nodes");
    }

    private Duration recordTtl() {
        return config.duration().plusHours(1).compareTo(DhtRecord.MAX_TTL) < 0 ? config.duration().plusHours(1)
                : DhtRecord.MAX_TTL;
    }

    /** Stores the keys; those acknowledged go into {@link #expected}. */
    private void storeKeys() {
        if (config.keys() == 0) {
            return;
        }
        List<DhtRecord> records = new ArrayList<>();
        List<CompletableFuture<PutResult>> puts = onControl(() -> {
            List<CompletableFuture<PutResult>> out = new ArrayList<>();
            for (int k = 0; k < config.keys(); k++) {
                DhtRecord record = DhtRecord.plain(keyId(k), Bytes.ofUtf8("value " + k), 1, NodeId.ZERO,
                        recordTtl());
                records.add(record);
                out.add(honestRandom(workload).storage().put(record));
            }
            return out;
        });
        awaitAll(puts, "the keys to be stored");
        for (int k = 0; k < records.size(); k++) {
            CompletableFuture<PutResult> f = puts.get(k);
            if (f.isDone() && !f.isCompletedExceptionally() && f.join().status() == PutResult.Status.OK) {
                expected.put(records.get(k).key(), records.get(k));
            }
        }
    }

    /**
     * Half way through the partition, every stored key is written again on both sides, version 2
     * with a different writer each: where both writes are acknowledged they conflict, and after the
     * heal the replicas must settle on the one {@code RecordRules} prefers (the other is counted as
     * lost to the conflict, not as lost).
     */
    private void writeOnBothSides() {
        List<Peer> a = partition.side(true);
        List<Peer> b = partition.side(false);
        if (expected.isEmpty() || a.isEmpty() || b.isEmpty()) {
            return;
        }
        for (NodeId key : List.copyOf(expected.keySet())) {
            DhtRecord fromA = DhtRecord.plain(key, Bytes.ofUtf8("side A " + key.shortId()), 2, NodeId.sha1Of("side A"),
                    recordTtl());
            DhtRecord fromB = DhtRecord.plain(key, Bytes.ofUtf8("side B " + key.shortId()), 2, NodeId.sha1Of("side B"),
                    recordTtl());
            CompletableFuture<PutResult> putA = a.get(workload.nextInt(a.size())).storage().put(fromA);
            CompletableFuture<PutResult> putB = b.get(workload.nextInt(b.size())).storage().put(fromB);
            putA.thenAcceptBoth(putB, (ra, rb) -> { }).whenCompleteAsync((ignored, failure) -> {
                boolean ackedA = acked(putA);
                boolean ackedB = acked(putB);
                if (ackedA && ackedB) {
                    keysLostToConflicts++;
                }
                for (DhtRecord r : ackedA && ackedB ? List.of(fromA, fromB) : ackedA ? List.of(fromA)
                        : ackedB ? List.of(fromB) : List.<DhtRecord>of()) {
                    if (RecordRules.newer(r, expected.get(key))) {
                        expected.put(key, r);
                    }
                }
            }, substrate.control());
        }
    }

    private static boolean acked(CompletableFuture<PutResult> put) {
        return put.isDone() && !put.isCompletedExceptionally() && put.join().status() == PutResult.Status.OK;
    }

    /**
     * What reading keys back came to: reads made, those that found nothing, those that found nothing
     * or older, and of those the reads of keys no live node holds (null where stores cannot be read from here).
     */
    private record ReadBack(long reads, long empty, long lost, Long notHeld) {
        static final ReadBack NONE = new ReadBack(0, 0, 0, null);

        Double censored() {
            return reads == 0 ? null : (double) empty / reads;
        }
    }

    /** The acknowledged records of the keys the attack targets. */
    private List<DhtRecord> targetedRecords() {
        List<DhtRecord> out = new ArrayList<>();
        for (NodeId key : attack.targets()) {
            if (expected.containsKey(key)) {
                out.add(expected.get(key));
            }
        }
        return out;
    }

    /**
     * Reads each of {@code wanted} {@code readsEach} times from random honest nodes; a read is lost
     * when it finds nothing or a record older than the newest acknowledged write. The reads go to
     * {@code census} once done.
     */
    private ReadBack readBack(List<DhtRecord> wanted, int readsEach, KeyCensus census) {
        List<Peer> readers = new ArrayList<>();
        List<DhtRecord> read = new ArrayList<>();
        List<CompletableFuture<GetResult>> gets = onControl(() -> {
            List<CompletableFuture<GetResult>> out = new ArrayList<>();
            for (DhtRecord record : wanted) {
                for (int i = 0; i < readsEach; i++) {
                    Peer reader = honestRandom(workload);
                    readers.add(reader);
                    read.add(record);
                    out.add(reader.storage().get(record.key()));
                }
            }
            return out;
        });
        awaitAll(gets, "the keys to be read back");
        long empty = 0;
        long lost = 0;
        List<DhtRecord> lostRecords = new ArrayList<>();
        for (int i = 0; i < gets.size(); i++) {
            CompletableFuture<GetResult> f = gets.get(i);
            boolean found = f.isDone() && !f.isCompletedExceptionally() && f.join().status() == GetResult.Status.FOUND;
            empty += found ? 0 : 1;
            if (!KeyHolders.returned(f, read.get(i))) {
                lost++;
                lostRecords.add(read.get(i));
            }
        }
        Long notHeld = !substrate.singleThreaded() ? null : onControl(() -> {
            List<Peer> nodes = live.inIdOrder();
            census.readBack(read, readers, gets, diagnostics);
            return lostRecords.stream().filter(r -> KeyHolders.count(nodes, r) == 0).count();
        });
        return new ReadBack(gets.size(), empty, lost, notHeld);
    }

    private void awaitAll(List<? extends CompletableFuture<?>> futures, String what) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        if (!substrate.runUntil(all::isDone, Duration.ofMinutes(10).toNanos())) {
            long open = futures.stream().filter(f -> !f.isDone()).count();
            if (open * 100 > futures.size()) {
                throw new IllegalStateException("timed out waiting for " + what + " (" + open + " of " + futures.size()
                        + " unfinished; seed " + config.seed() + ")");
            }
        }
    }

    /** The oracle's replica set of {@code key}: the {@code n} live nodes nearest it, nearest first. */
    private List<Peer> replicasByOracle(NodeId key, int n) {
        List<Peer> all = live.inIdOrder();
        KeyDistance d = config.protocol().overlay().keyDistance();
        all.sort(Comparator.comparing(p -> d.between(key, p.node().self().id())));
        return all.subList(0, Math.min(n, all.size()));
    }

    // ---- the run -------------------------------------------------------------------------------

    private void schedule(long start) {
        long lookups = config.effectiveLookups();
        if (lookups > 0) {
            scheduleLookup(start, 0, lookups);
        }
        if (config.churns()) {
            for (Peer p : live.inIdOrder()) {
                if (!attack.isAttacker(p.node().self().id())) {
                    scheduleDeparture(p, tuning.churnStart().firstSessionNanos(config.churnModel(),
                            config.churnMedian().toNanos(), churn));
                }
            }
        }
        if (config.failFraction() > 0) {
            substrate.at(start + config.duration().toNanos() / 2, this::massFailure);
        }
        if (partition != null) {
            partition.schedule(start, endNanos, this::writeOnBothSides);
        }
    }

    /** Lookup i of n falls at a random point of the i-th of n equal slices of the run. */
    private void scheduleLookup(long start, long i, long n) {
        long slice = config.duration().toNanos() / n;
        long at = start + i * slice + (slice > 0 ? workload.nextLong(slice) : 0);
        substrate.at(at, () -> {
            startLookup();
            if (i + 1 < n) {
                scheduleLookup(start, i + 1, n);
            }
        });
    }

    private void startLookup() {
        if (live.size() == 0) {
            return;
        }
        Peer origin = live.random(workload);
        NodeId key = NodeId.random(workload);
        long id = lookupsStarted++;
        long startedAt = substrate.nowNanos();
        pendingLookups.put(id, origin);
        overlay.lookup(origin, key, config.lookupStyle()).whenCompleteAsync((result, failure) -> {
            if (pendingLookups.remove(id) == null) {
                return;
            }
            finishLookup(result, failure, key, startedAt, origin);
            answeredPair(id, origin, result, failure);
        }, substrate.control());
        if (tuning.consistencyPairs()) {
            startTwin(id, key);
        }
    }

    /** The other half of a consistency pair: same key, same moment, another origin, not graded as a lookup. */
    private void startTwin(long id, NodeId key) {
        Peer origin = live.random(twins);
        overlay.lookup(origin, key, config.lookupStyle()).whenCompleteAsync(
                (result, failure) -> answeredPair(id, origin, result, failure), substrate.control());
    }

    private void answeredPair(long id, Peer origin, LookupResult result, Throwable failure) {
        if (tuning.consistencyPairs() && live.contains(origin)) {
            consistency.answered(id, failure == null && result.succeeded() ? Optional.of(result.owner()) : Optional.empty());
        }
    }

    private void finishLookup(LookupResult result, Throwable failure, NodeId key, long startedAt, Peer origin) {
        Peer expectedOwner = live.size() > 0 ? overlay.responsible(live, key) : null;
        boolean ok = failure == null && overlay.isCorrect(result, expectedOwner);
        if (partition != null) {
            partition.lookupFinished(startedAt, origin, expectedOwner, ok);
        }
        int hopCount = failure == null ? result.hops() : 0;
        double latencyMs = (substrate.nowNanos() - startedAt) / 1e6;
        lookupsFinished++;
        if (ok) {
            lookupsSucceeded++;
            hops.add(hopCount);
            latencyMicros.add((substrate.nowNanos() - startedAt) / 1000);
            if (oracle != null) {
                oracle.lookup(hopCount);
            }
        }
        series.lookup(ok, hopCount, latencyMs);
    }

    /** Lookups still open at the end: failed if their origin is alive, abandoned if it crashed. */
    private long abandonPending() {
        long abandoned = 0;
        for (Peer origin : pendingLookups.values()) {
            if (live.contains(origin)) {
                lookupsFinished++;
            } else {
                abandoned++;
            }
        }
        pendingLookups.clear();
        return abandoned;
    }

    private void scheduleDeparture(Peer peer) {
        scheduleDeparture(peer, config.churnModel().sampleNanos(config.churnMedian().toNanos(), churn));
    }

    private void scheduleDeparture(Peer peer, long session) {
        long at = substrate.nowNanos() + session;
        if (at < endNanos) {
            substrate.at(at, () -> depart(peer));
        }
    }

    private void depart(Peer peer) {
        if (!live.contains(peer) || substrate.nowNanos() >= endNanos) {
            return;
        }
        live.remove(peer);
        crash(peer);
        departures++;
        series.departed();
        if (live.size() > 0) {
            replace();
        }
    }

    /** A new node joins through a random live one, keeping the population steady. */
    private void replace() {
        Peer joiner = newPeer();
        Peer via = live.random(churn);
        if (partition != null) {
            partition.placeJoiner(joiner.node().self().address(), via.node().self().address());
        }
        joiner.node().join(List.of(via.node().self().address())).whenCompleteAsync((ok, failure) -> {
            if (failure != null || substrate.nowNanos() >= endNanos) {
                failedJoins += failure != null ? 1 : 0;
                crash(joiner);
                return;
            }
            live.add(joiner);
            joins++;
            series.joined();
            if (joiner.storage() != null) {
                joiner.storage().start();
            }
            scheduleDeparture(joiner);
        }, substrate.control());
    }

    private void massFailure() {
        long count = Math.round(config.failFraction() * live.size());
        RandomGenerator pick = streams.stream("mass-failure");
        for (long i = 0; i < count && live.size() > 1; i++) {
            Peer victim = live.random(pick);
            live.remove(victim);
            crash(victim);
            massFailures++;
            series.departed();
        }
    }

    private void crash(Peer peer) {
        quotas.crashing(peer);
        peer.crash();
    }

    private void closeStep() {
        liveNodeSum += live.size();
        liveNodeSamples++;
        if (substrate.singleThreaded() && overlay.hasRing() && tuning.checkInvariants()) {
            invariantViolations += overlay.invariantViolations(live.inIdOrder());
        }
        series.close(live.size(), substrate.messages(), substrate.bytes(), partition != null && partition.splitInStep());
    }

    private double meanLiveNodes() {
        return liveNodeSamples == 0 ? live.size() : liveNodeSum / liveNodeSamples;
    }

    private Integer ringViolations() {
        if (!substrate.singleThreaded() || !overlay.hasRing()) {
            return null;
        }
        return invariantViolations;
    }

    // ---- threading -----------------------------------------------------------------------------

    private void onControl(Runnable task) {
        onControl(() -> {
            task.run();
            return null;
        });
    }

    private <T> T onControl(java.util.concurrent.Callable<T> task) {
        if (substrate.singleThreaded()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, substrate.control());
        return result.join();
    }
}
