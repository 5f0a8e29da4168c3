package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import java.time.Duration;
import java.util.ArrayList;
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

    private void putAll(List<StorageSim.Peer> peers, int count) {
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            puts.add(peers.get(k % peers.size()).storage().put(DhtRecord.immutable(Bytes.ofUtf8("range " + k), TTL)));
        }
        sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        assertThat(puts).allMatch(f -> f.join().status() == PutResult.Status.OK);
    }

    private static long sum(List<StorageSim.Peer> peers, java.util.function.ToLongFunction<StorageStats> counter) {
        return peers.stream().mapToLong(p -> counter.applyAsLong(p.storage().stats())).sum();
    }
}
