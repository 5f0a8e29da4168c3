package io.chordia.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.RecordReply;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that crashes and restarts with its data directory serves its records again. */
class PersistentStorageRestartSimTest {
    private static final long WALL_ORIGIN = 1_800_000_000_000L;

    @TempDir
    Path dataDirs;

    private final SimHarness sim = new SimHarness(8, LinkConditions.ideal(Duration.ofMillis(10)));

    private record Peer(ChordNode node, ReplicatedStorage storage, MvStoreRecordStore store) {}

    private Peer start(SimEndpoint endpoint, Contact self, int n) {
        MvStoreRecordStore store = MvStoreRecordStore.open(dataDirs.resolve("node-" + n + ".mv"),
                endpoint.scheduler().clock(), () -> WALL_ORIGIN + sim.loop.nowNanos() / 1_000_000);
        ChordNode node = new ChordNode(self, endpoint.transport(), endpoint.scheduler(),
                sim.streams.stream("node-" + endpoint.incarnation(), n), ChordConfig.defaults());
        ReplicatedStorage storage = new ReplicatedStorage(node, store, StorageConfig.defaults(), new ChordPlacement(node),
                sim.streams.stream("storage-" + endpoint.incarnation(), n));
        return new Peer(node, storage, store);
    }

    @Test
    void aRestartedNodeServesItsRecordsAgain() {
        List<Peer> peers = new ArrayList<>();
        List<Contact> ring = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Contact self = new Contact(NodeId.sha1Of("node " + i), TestIds.address(i));
            peers.add(start(sim.network.attach(self.address()), self, i));
            ring.add(self);
        }
        ring.sort(Comparator.comparing(Contact::id));
        for (Peer p : peers) {
            p.node().installConvergedState(ring, true);
            p.storage().start();
        }
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            puts.add(peers.get(i % 12).storage().put(DhtRecord.immutable(Bytes.ofUtf8("value " + i), Duration.ofHours(1))));
        }
        sim.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "puts");
        assertThat(puts).allMatch(f -> f.join().status() == PutResult.Status.OK);

        Peer victim = peers.get(5);
        List<StoredRecord> held = victim.store().all();
        assertThat(held).isNotEmpty();
        SimEndpoint endpoint = sim.network.endpoint(victim.node().self().address());
        endpoint.crash();
        victim.store().crash();
        sim.loop.advance(Duration.ofSeconds(3));

        endpoint.restart();
        Peer reborn = start(endpoint, victim.node().self(), 5);
        CompletableFuture<Void> joined = reborn.node().join(List.of(peers.get(0).node().self().address()));
        sim.runUntil(joined::isDone, Duration.ofMinutes(1), "rejoin");
        assertThat(joined).isCompleted();
        assertThat(reborn.node().isJoined()).isTrue();
        reborn.storage().start();
        peers.set(5, reborn);
        assertThat(reborn.store().size()).isEqualTo(held.size());

        // Asked directly, the restarted node answers from its disk.
        Peer asker = peers.get(0);
        for (StoredRecord r : held) {
            CompletableFuture<RecordReply> reply = asker.node().rpc().call(reborn.node().self(), new FetchRecord(r.record().key()));
            sim.runUntil(reply::isDone, Duration.ofSeconds(10), "fetch");
            assertThat(reply.join().records()).containsExactly(r.record());
        }
        // And through the DHT every value is still readable.
        for (int i = 0; i < 60; i++) {
            CompletableFuture<GetResult> got = peers.get((i + 1) % 12).storage().get(NodeId.sha1Of("value " + i));
            sim.runUntil(got::isDone, Duration.ofSeconds(30), "get");
            assertThat(got.join().status()).isEqualTo(GetResult.Status.FOUND);
        }
    }
}
