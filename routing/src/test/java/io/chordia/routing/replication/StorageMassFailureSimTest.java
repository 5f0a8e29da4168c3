package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.SortedRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Half the nodes fail at once: every key with a live replica is readable after repair, and about p^r are lost. */
class StorageMassFailureSimTest {
    @Test
    void halfTheNodesFailAndOnlyKeysWithoutALiveReplicaAreLost() {
        StorageSim sim = new StorageSim(31, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60))),
                ChordConfig.defaults().withFixFingersInterval(Duration.ofSeconds(5)), StorageConfig.defaults());
        List<StorageSim.Peer> peers = sim.convergedRing(1000);
        List<Contact> ring = new ArrayList<>();
        peers.forEach(p -> ring.add(p.node().self()));
        ring.sort(Comparator.comparing(Contact::id));
        int keys = 2000;
        List<NodeId> keyIds = new ArrayList<>();
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            DhtRecord record = DhtRecord.immutable(Bytes.ofUtf8("value " + k), Duration.ofHours(6));
            keyIds.add(record.key());
            puts.add(sim.randomLive().storage().put(record));
        }
        sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        assertThat(puts).allMatch(f -> f.join().status() == PutResult.Status.OK);

        Set<NodeId> dead = new HashSet<>();
        for (StorageSim.Peer p : peers) {
            if (sim.workload.nextBoolean()) {
                dead.add(p.node().self().id());
                sim.crash(p);
            }
        }
        sim.loop.advance(Duration.ofMinutes(2));

        List<CompletableFuture<GetResult>> gets = new ArrayList<>();
        for (NodeId key : keyIds) {
            gets.add(sim.randomLive().storage().get(key));
        }
        sim.loop.runUntil(() -> gets.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(5));
        int lost = 0;
        int unreadableWithLiveReplica = 0;
        for (int k = 0; k < keys; k++) {
            boolean found = gets.get(k).join().status() == GetResult.Status.FOUND;
            lost += found ? 0 : 1;
            int idx = SortedRing.successorIndex(ring, keyIds.get(k));
            boolean live = false;
            for (int j = 0; j < 3; j++) {
                live |= !dead.contains(ring.get((idx + j) % ring.size()).id());
            }
            unreadableWithLiveReplica += live && !found ? 1 : 0;
        }
        assertThat(unreadableWithLiveReplica).isZero();
        // p^r = 12.5% for p = 0.5, r = 3; allow sampling noise on 2,000 keys.
        assertThat(lost).isBetween(keys * 8 / 100, keys * 17 / 100);
    }
}
