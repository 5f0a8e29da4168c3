package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Repair by range digests on a Chord ring: silent while replicas agree, exact when one missed writes. */
class RangeRepairSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));
    private static final Duration TTL = Duration.ofHours(1);

    private final StorageSim sim = new StorageSim(15, WAN, ChordConfig.defaults(), StorageConfig.defaults());

    @Test
    void upToDateReplicasExchangeOneDigestPerNeighbourAndCheckNoRecord() {
        List<StorageSim.Peer> peers = sim.convergedRing(16);
        putAll(peers, 400);
        sim.loop.advance(Duration.ofSeconds(30));
        long checks = sum(peers, StorageStats::recordChecks);
        long compares = sum(peers, StorageStats::rangeCompares);
        sim.loop.advance(Duration.ofSeconds(60));
        // Six rounds: each node compares once with each of its (r - 1) * 2 = 4 replica neighbours.
        assertThat(sum(peers, StorageStats::recordChecks) - checks).isZero();
        assertThat(sum(peers, StorageStats::rangeCompares) - compares).isLessThanOrEqualTo(6L * 16 * 4);
    }

    @Test
    void aReplicaThatMissedWritesIsRepairedByDigestExchange() {
        List<StorageSim.Peer> peers = sim.convergedRing(16);
        putAll(peers, 400);
        sim.loop.advance(Duration.ofSeconds(30));
        StorageSim.Peer behind = peers.get(5);
        List<StoredRecord> held = behind.storage().store().all();
        List<NodeId> lost = new ArrayList<>();
        for (int i = 0; i < held.size(); i += 3) {
            lost.add(held.get(i).record().key());
            behind.storage().store().remove(held.get(i).record().key());
        }
        assertThat(lost).hasSizeGreaterThan(10);
        long checks = sum(peers, StorageStats::recordChecks);
        sim.loop.advance(Duration.ofSeconds(60));
        for (NodeId key : lost) {
            assertThat(behind.storage().store().get(key)).as("restored %s", key.shortId()).isNotNull();
        }
        // Only the records found missing were checked one by one (by each of the two neighbours that hold them).
        assertThat(sum(peers, StorageStats::recordChecks) - checks).isBetween((long) lost.size(), 2L * lost.size() + 8);
    }

    @Test
    void theAuditRestoresAReplicaThatEveryNodesOwnViewLeavesOut() {
        // A broken placement: every node's view but the replica's own skips a key's third replica
        // and names the fourth, as tables that have not yet heard of a newcomer would.
        sim.placement = node -> new ReplicaPlacement() {
            private final ChordPlacement chord = new ChordPlacement(node);

            @Override
            public List<Contact> localReplicas(NodeId key, int n) {
                List<Contact> real = chord.localReplicas(key, n + 1);
                if (real.size() < n + 1 || real.get(n - 1).id().equals(node.self().id())) {
                    return real.size() < n ? List.of() : List.copyOf(real.subList(0, n));
                }
                List<Contact> wrong = new ArrayList<>(real.subList(0, n - 1));
                wrong.add(real.get(n));
                return wrong;
            }

            @Override
            public KeyDistance distance() {
                return chord.distance();
            }
        };
        List<StorageSim.Peer> peers = sim.convergedRing(12);
        List<NodeId> keys = putAll(peers, 100); // puts look up their replicas: every key on its true three
        List<StorageSim.Peer> ring = new ArrayList<>(peers);
        ring.sort(Comparator.comparing(p -> p.node().self().id()));
        List<StorageSim.Peer> thirds = new ArrayList<>();
        for (NodeId key : keys) {
            int owner = 0;
            while (owner < ring.size() && ring.get(owner).node().self().id().compareTo(key) < 0) {
                owner++;
            }
            StorageSim.Peer third = ring.get((owner + 2) % ring.size());
            third.storage().store().remove(key);
            thirds.add(third);
        }
        sim.loop.advance(Duration.ofSeconds(75));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(thirds.get(i).storage().store().get(keys.get(i))).as("third replica of %s", keys.get(i).shortId())
                    .isNotNull();
        }
        assertThat(sum(peers, StorageStats::auditLookups)).isPositive();
    }

    private List<NodeId> putAll(List<StorageSim.Peer> peers, int count) {
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        List<NodeId> keys = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            DhtRecord record = DhtRecord.immutable(Bytes.ofUtf8("range " + k), TTL);
            keys.add(record.key());
            puts.add(peers.get(k % peers.size()).storage().put(record));
        }
        sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        assertThat(puts).allMatch(f -> f.join().status() == PutResult.Status.OK);
        return keys;
    }

    private static long sum(List<StorageSim.Peer> peers, java.util.function.ToLongFunction<StorageStats> counter) {
        return peers.stream().mapToLong(p -> counter.applyAsLong(p.storage().stats())).sum();
    }
}
