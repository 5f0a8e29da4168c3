package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.rpc.RpcTimeoutException;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.util.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Repair by range digests, as Dynamo's anti-entropy does (§4.7): for each replica neighbour, the
 * records both replicate (by this node's placement; the neighbour judges by its own) are compared
 * by the digest of the whole key range first, and only ranges whose digests differ are split
 * (sixteen ways) until they are small enough to list; only records found different there are
 * checked and stored one by one. A round over up-to-date neighbours costs one exchange each,
 * whatever the number of records.
 *
 * <p>Records expire at slightly different moments on different replicas. A record within
 * {@code grace} of its expiry is left out of the digests on both sides and is not repaired: it is
 * about to go everywhere (its origin's republish would have refreshed it long before), so expiry
 * never makes two replicas look different for longer than their clocks' skew.
 *
 * <p>Node-thread confined.
 */
final class RangeRepair {
    /** Exchanges and record checks one neighbour gets per round at most: a far-behind replica catches up over rounds. */
    private final int budget;
    private final Contact self;
    private final RpcEndpoint rpc;
    private final ReplicaPlacement placement;
    private final int replicas;
    private final Duration grace;
    private final RpcConfig rpcConfig;
    private final Predicate<List<Contact>> usable;
    private final BiConsumer<Contact, StoredRecord> repairRecord;
    /**
     * Neighbours that did not answer a comparison, until when they are left out of replica sets:
     * a placement that answers from a routing table may still name a departed node, and the
     * record's live replicas must not wait for the table to notice.
     */
    private final TreeMap<NodeId, Long> silentUntil = new TreeMap<>();
    /** A neighbour fell silent since {@link #heardSilence} was last asked. */
    private boolean newSilence;
    private Map<NodeId, Bytes> digestCache = new HashMap<>();
    private Map<NodeId, DhtRecord> digestedRecords = new HashMap<>();
    private Shares shares;
    private boolean stale = true;
    private final StorageStats stats;
    private final long maxAgeNanos;

    /**
     * @param usable       whether a replica set may be repaired by digests (not if it names a node that holds no records)
     * @param repairRecord makes sure a neighbour holds a record found to differ
     * @param grace        records this close to expiry are neither compared nor repaired
     * @param budget       exchanges and record repairs per neighbour per round
     */
    RangeRepair(Contact self, RpcEndpoint rpc, ReplicaPlacement placement, int replicas, Duration grace, int budget,
                RpcConfig rpcConfig, Predicate<List<Contact>> usable, BiConsumer<Contact, StoredRecord> repairRecord,
                StorageStats stats) {
        this.stats = stats;
        // A neighbour's question is answered from a view at most half a grace old, even if the store was changed behind our back.
        this.maxAgeNanos = grace.toNanos() / 2;
        this.self = self;
        this.rpc = rpc;
        this.placement = placement;
        this.replicas = replicas;
        this.grace = grace;
        this.budget = budget;
        this.rpcConfig = rpcConfig;
        this.usable = usable;
        this.repairRecord = repairRecord;
    }

    /** What this node replicates with each neighbour, and the records whose replica set it cannot tell. */
    private record Shares(long builtAtNanos, TreeMap<NodeId, Contact> peers, Map<NodeId, SharedRecords> byPeer,
                          List<StoredRecord> unsure) {}

    /** The store changed: the next digest is computed afresh. */
    void invalidate() {
        stale = true;
    }

    /**
     * Compares digests with every replica neighbour of the records in {@code live} (none expired)
     * and repairs what differs; returns the records this node cannot place by itself (it is not
     * among the replicas it knows of, or the set names a storeless node), for the per-record path.
     */
    List<StoredRecord> round(List<StoredRecord> live, long nowNanos) {
        // Views of the neighbourhood move between rounds: each round places every record afresh.
        shares = build(live, nowNanos);
        stale = false;
        Shares current = shares;
        Map<NodeId, StoredRecord> byKey = new HashMap<>();
        live.forEach(r -> byKey.put(r.record().key(), r));
        for (Contact peer : current.peers().values()) {
            Session session = new Session(peer, current.byPeer().get(peer.id()), byKey);
            session.compare(NodeId.ZERO, 0);
        }
        return current.unsure();
    }

    /**
     * Whether a neighbour fell silent to a comparison since the last call: the records it
     * replicated go to the next in line at the next {@link #round}, which then should not wait.
     */
    boolean heardSilence() {
        boolean heard = newSilence;
        newSilence = false;
        return heard;
    }

    /** The answer to a neighbour's {@link CompareRange}, from this node's own view of what they share. */
    RangeDigests onCompare(CompareRange request, RequestContext context, Supplier<List<StoredRecord>> live, long nowNanos) {
        if (stale || shares == null || nowNanos - shares.builtAtNanos() > maxAgeNanos) {
            shares = build(live.get(), nowNanos);
            stale = false;
        }
        return RangeComparison.answer(shares.byPeer().getOrDefault(context.sender().id(), SharedRecords.EMPTY), request);
    }

    /** The key's replicas by the placement, neighbours that fell silent left out (the next in line taking their place). */
    private List<Contact> withoutSilent(NodeId key) {
        List<Contact> set = placement.localReplicas(key, replicas);
        if (silentUntil.isEmpty() || set.stream().noneMatch(c -> silentUntil.containsKey(c.id()))) {
            return set;
        }
        List<Contact> answering = new ArrayList<>();
        for (Contact c : placement.localReplicas(key, replicas + Math.min(silentUntil.size(), replicas))) {
            if (!silentUntil.containsKey(c.id()) && answering.size() < replicas) {
                answering.add(c);
            }
        }
        return answering.size() == replicas ? answering : List.of();
    }

    private Shares build(List<StoredRecord> live, long nowNanos) {
        silentUntil.values().removeIf(until -> until - nowNanos <= 0);
        TreeMap<NodeId, Contact> peers = new TreeMap<>();
        Map<NodeId, List<StoredRecord>> shared = new HashMap<>();
        List<StoredRecord> unsure = new ArrayList<>();
        Map<NodeId, Bytes> digests = new HashMap<>();
        Map<NodeId, DhtRecord> digested = new HashMap<>();
        for (StoredRecord held : live) {
            if (held.expiresAtNanos() - nowNanos < grace.toNanos()) {
                continue;
            }
            NodeId key = held.record().key();
            List<Contact> set = withoutSilent(key);
            if (set.isEmpty() || set.stream().noneMatch(c -> c.id().equals(self.id())) || !usable.test(set)) {
                unsure.add(held);
                continue;
            }
            digests.put(key, digestOf(held.record()));
            digested.put(key, held.record());
            for (Contact c : set) {
                if (!c.id().equals(self.id())) {
                    peers.putIfAbsent(c.id(), c);
                    shared.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(held);
                }
            }
        }
        digestCache = digests;
        digestedRecords = digested;
        Map<NodeId, SharedRecords> byPeer = new HashMap<>();
        for (NodeId peer : peers.keySet()) {
            List<StoredRecord> records = shared.get(peer);
            // live is in key order, so each neighbour's list is too.
            byPeer.put(peer, SharedRecords.of(records.stream().map(r -> r.record().key()).toList(),
                    records.stream().map(r -> digests.get(r.record().key())).toList()));
        }
        return new Shares(nowNanos, peers, byPeer, unsure);
    }

    /** The record's 128-bit digest: the first bytes of its content digest, reused while the content is unchanged. */
    private Bytes digestOf(DhtRecord record) {
        DhtRecord before = digestedRecords.get(record.key());
        Bytes known = digestCache.get(record.key());
        if (known != null && (before == record || before.sameContent(record))) {
            return known;
        }
        byte[] full = record.contentDigest().toArray();
        return Bytes.copyOf(full, 0, RangeDigests.DIGEST_BYTES);
    }

    /** One round's comparison with one neighbour, within its budget. */
    private final class Session {
        private final Contact peer;
        private final SharedRecords mine;
        private final Map<NodeId, StoredRecord> held;
        private int spent;

        Session(Contact peer, SharedRecords mine, Map<NodeId, StoredRecord> held) {
            this.peer = peer;
            this.mine = mine;
            this.held = held;
        }

        void compare(NodeId prefix, int bits) {
            if (spent++ >= budget) {
                return;
            }
            stats.rangeCompares.increment();
            rpc.exchange(peer.address(), peer.id(), new CompareRange(prefix, bits, mine.digest(prefix, bits)), rpcConfig)
                    .thenAccept(reply -> answered(prefix, bits, reply.body()))
                    .exceptionally(failure -> {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof RpcTimeoutException) {
                            newSilence |= silentUntil.put(peer.id(), rpc.scheduler().clock().nanoTime() + grace.toNanos()) == null;
                        }
                        placement.requestFailed(peer, failure);
                        return null;
                    });
        }

        private void answered(NodeId prefix, int bits, RangeDigests reply) {
            RangeComparison.Next next = RangeComparison.react(mine, prefix, bits, reply);
            next.subRanges().forEach(child -> compare(child, next.childBits()));
            for (NodeId key : next.differing()) {
                StoredRecord record = held.get(key);
                if (record != null && spent++ < budget) {
                    repairRecord.accept(peer, record);
                }
            }
        }
    }
}
