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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A replica that crashes just after a repair round is replaced well before the next round when its
 * neighbours react to its departure, and only at that round when they wait for it: the comparison
 * shows the reaction is what restores the records.
 */
class ReactiveRepairSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));
    private static final Duration TTL = Duration.ofHours(1);

    @ParameterizedTest(name = "react every {0} s: every record back on three replicas within 8 s: {1}")
    @CsvSource({"1,true", "0,false"})
    void aDepartedReplicasRecordsAreBackOnThreeReplicasBeforeTheNextRound(int reactSeconds, boolean restored) {
        StorageSim sim = new StorageSim(3, WAN, ChordConfig.defaults(),
                StorageConfig.defaults().withReactInterval(Duration.ofSeconds(reactSeconds)));
        List<StorageSim.Peer> peers = sim.convergedRing(20);
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            puts.add(peers.get(k % peers.size()).storage().put(DhtRecord.immutable(Bytes.ofUtf8("reactive " + k), TTL)));
        }
        sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1));
        // Repair rounds fall every 10 s from the start: crash a replica just after one.
        sim.loop.advance(Duration.ofNanos(Duration.ofSeconds(30).toNanos() + 500_000_000L - sim.loop.nowNanos()));
        StorageSim.Peer victim = peers.get(7);
        List<DhtRecord> held = victim.storage().store().all().stream().map(StoredRecord::record).toList();
        assertThat(held).hasSizeGreaterThan(20);
        sim.crash(victim);

        sim.loop.advance(Duration.ofSeconds(8));

        List<NodeId> stillShort = new ArrayList<>();
        for (DhtRecord record : held) {
            long holders = sim.live.values().stream().filter(p -> p.storage().store().get(record.key()) != null).count();
            if (holders < 3) {
                stillShort.add(record.key());
            }
        }
        if (restored) {
            assertThat(stillShort).as("records still a replica short").isEmpty();
            assertThat(sim.live.values().stream().mapToLong(p -> p.storage().stats().reactiveRounds()).sum()).isPositive();
        } else {
            assertThat(stillShort).as("without the reaction the next round is still to come").isNotEmpty();
        }
    }
}
