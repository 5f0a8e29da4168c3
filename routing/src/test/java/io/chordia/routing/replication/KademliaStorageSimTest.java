package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.util.Bytes;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaSimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The same data plane on Kademlia nodes: replicas are the r XOR-closest, found by lookup. */
class KademliaStorageSimTest {
    @Test
    void putsAreReadableEverywhereAndSurviveAFifthOfTheNodesFailing() {
        KademliaSimulation sim = new KademliaSimulation(41,
                LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60))), KademliaConfig.defaults());
        int n = 120;
        for (int i = 0; i < n; i++) {
            sim.addNode();
        }
        sim.installConverged();
        List<ReplicatedStorage> stores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReplicatedStorage s = new ReplicatedStorage(sim.node(i), new InMemoryRecordStore(), StorageConfig.defaults(),
                    new KademliaPlacement(sim.node(i)), sim.streams.stream("storage", i));
            s.start();
            stores.add(s);
        }
        var workload = sim.streams.stream("workload");
        int keys = 300;
        List<NodeId> keyIds = new ArrayList<>();
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            DhtRecord r = DhtRecord.immutable(Bytes.ofUtf8("kad " + k), Duration.ofHours(2));
            keyIds.add(r.key());
            puts.add(stores.get(workload.nextInt(n)).put(r));
        }
        sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        assertThat(puts).allMatch(f -> f.join().status() == PutResult.Status.OK && f.join().acked().size() == 3);

        for (int i = 0; i < n; i++) {
            if (workload.nextInt(5) == 0) {
                sim.crash(i);
            }
        }
        sim.loop.advance(Duration.ofMinutes(2));
        List<Integer> up = sim.upIndices();
        List<CompletableFuture<GetResult>> gets = new ArrayList<>();
        for (NodeId key : keyIds) {
            gets.add(stores.get(up.get(workload.nextInt(up.size()))).get(key));
        }
        sim.loop.runUntil(() -> gets.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        long found = gets.stream().filter(g -> g.join().status() == GetResult.Status.FOUND).count();
        // p^r = 0.8% of keys may have lost all three replicas; repair restored the rest.
        assertThat(found).isGreaterThanOrEqualTo(keys * 97 / 100);
    }
}
