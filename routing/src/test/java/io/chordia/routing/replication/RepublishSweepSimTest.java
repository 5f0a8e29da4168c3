package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
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

/** Republishing by key region on Kademlia: every published key back on its true replicas, with a fraction of the lookups. */
class RepublishSweepSimTest {
    @Test
    void aSweepRestoresEveryPublishedKeyWithATenthOfTheLookups() {
        KademliaSimulation sim = new KademliaSimulation(23,
                LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60))), KademliaConfig.defaults());
        int n = 100;
        for (int i = 0; i < n; i++) {
            sim.addNode();
        }
        sim.installConverged();
        StorageConfig config = StorageConfig.builder().republishInterval(Duration.ofMinutes(5)).build();
        List<ReplicatedStorage> stores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stores.add(new ReplicatedStorage(sim.node(i), new InMemoryRecordStore(), config, new KademliaPlacement(sim.node(i)),
                    sim.streams.stream("storage", i)));
        }
        ReplicatedStorage origin = stores.get(0);
        int keys = 3_000;
        List<NodeId> keyIds = new ArrayList<>();
        for (int from = 0; from < keys; from += 20) {
            List<CompletableFuture<PutResult>> puts = new ArrayList<>();
            for (int k = from; k < from + 20; k++) {
                DhtRecord r = DhtRecord.immutable(Bytes.ofUtf8("sweep " + k), Duration.ofHours(1));
                keyIds.add(r.key());
                puts.add(origin.put(r));
            }
            sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
            assertThat(puts).allMatch(f -> f.join().status() == PutResult.Status.OK);
        }
        // Every replica forgets everything (no repair runs: the stores are not started), then the origin republishes.
        for (ReplicatedStorage s : stores) {
            for (NodeId key : keyIds) {
                s.store().remove(key);
            }
        }
        long before = origin.stats().republishLookups();
        origin.start();
        sim.loop.advance(Duration.ofMinutes(6));
        long lookups = origin.stats().republishLookups() - before;
        assertThat(lookups).isPositive().isLessThanOrEqualTo(keys / 10);
        for (NodeId key : keyIds) {
            // A lookup does not return the node asking, so where the origin is among a key's nearest the set reaches one further.
            List<NodeId> nearest = sim.closestLive(key, 4).stream().map(Contact::id).toList();
            List<NodeId> holders = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (stores.get(i).store().get(key) != null) {
                    holders.add(sim.node(i).self().id());
                }
            }
            assertThat(holders).as("holders of %s", key.shortId()).hasSize(3);
            assertThat(nearest).as("nearest to %s", key.shortId()).containsAll(holders);
        }
    }
}
