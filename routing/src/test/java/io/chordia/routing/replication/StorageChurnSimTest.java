package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Churn with a 30-minute median session (exponential), writes of new versions throughout:
 * no acknowledged key is lost with r = 3, and every get returns the latest acknowledged version.
 */
class StorageChurnSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21})
    void noAcknowledgedKeyIsLostUnderChurn(long seed) {
        // Fingers refreshed less often than by default: they are not what this test is about, and they cost.
        StorageSim sim = new StorageSim(seed, WAN, ChordConfig.defaults().withFixFingersInterval(Duration.ofSeconds(5)),
                StorageConfig.defaults());
        int nodes = 150;
        int keys = 1500;
        sim.convergedRing(nodes);
        Map<NodeId, Long> acknowledged = new HashMap<>();
        List<NodeId> keyIds = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            keyIds.add(NodeId.sha1Of("key " + i));
        }
        write(sim, keyIds, acknowledged, 1);

        double meanSessionSeconds = 30 * 60 / StrictMath.log(2);
        Duration horizon = Duration.ofHours(1);
        long end = sim.loop.nowNanos() + horizon.toNanos();
        int crashes = 0;
        long version = 2;
        long nextWrite = sim.loop.nowNanos() + Duration.ofMinutes(10).toNanos();
        while (sim.loop.nowNanos() < end) {
            // Each live node leaves at rate 1/mean; the whole population's next departure is exponential.
            double gapSeconds = -StrictMath.log(1 - sim.workload.nextDouble()) * meanSessionSeconds / sim.live.size();
            sim.loop.advance(Duration.ofMillis((long) (gapSeconds * 1000)));
            sim.crash(sim.randomLive());
            crashes++;
            sim.join();
            if (sim.loop.nowNanos() >= nextWrite) {
                write(sim, keyIds.subList(0, keys / 4), acknowledged, version++);
                nextWrite += Duration.ofMinutes(10).toNanos();
            }
        }
        sim.loop.advance(Duration.ofMinutes(2));

        int lost = 0;
        int staleReads = 0;
        List<CompletableFuture<GetResult>> gets = new ArrayList<>();
        for (NodeId key : keyIds) {
            gets.add(sim.randomLive().storage().get(key));
        }
        sim.loop.runUntil(() -> gets.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        for (int i = 0; i < keys; i++) {
            GetResult r = gets.get(i).join();
            Long expected = acknowledged.get(keyIds.get(i));
            if (expected == null) {
                continue;
            }
            if (r.status() != GetResult.Status.FOUND) {
                lost++;
            } else if (r.record().version() < expected) {
                staleReads++;
            }
        }
        assertThat(crashes).as("node departures in %s", horizon).isGreaterThan(nodes);
        assertThat(acknowledged).hasSizeGreaterThan(keys * 99 / 100);
        assertThat(lost).as("acknowledged keys lost (seed %s)", seed).isZero();
        assertThat(staleReads).as("gets older than the latest acknowledged version").isZero();
    }

    private static void write(StorageSim sim, List<NodeId> keys, Map<NodeId, Long> acknowledged, long version) {
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (NodeId key : keys) {
            puts.add(sim.randomLive().storage().put(DhtRecord.plain(key, Bytes.ofUtf8("v" + version), version,
                    NodeId.ZERO, Duration.ofDays(1))));
        }
        sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        for (int i = 0; i < keys.size(); i++) {
            CompletableFuture<PutResult> f = puts.get(i);
            if (f.isDone() && !f.isCompletedExceptionally() && f.join().status() == PutResult.Status.OK) {
                acknowledged.put(keys.get(i), version);
            }
        }
    }
}
