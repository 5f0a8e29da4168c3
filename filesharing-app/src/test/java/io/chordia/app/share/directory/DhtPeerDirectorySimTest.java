package io.chordia.app.share.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.ContentId;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Peers announced through a simulated Chord ring's replicated storage. */
class DhtPeerDirectorySimTest {
    private static final long WALL_ORIGIN = 1_800_000_000_000L;

    private final SimHarness sim = new SimHarness(11, LinkConditions.ideal(Duration.ofMillis(10)));
    private final List<DhtPeerDirectory> directories = new ArrayList<>();
    private final ContentId content = new ContentId(NodeId.sha1Of("some content"));

    DhtPeerDirectorySimTest() {
        List<ChordNode> nodes = new ArrayList<>();
        List<ReplicatedStorage> storages = new ArrayList<>();
        List<Contact> ring = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Contact self = new Contact(NodeId.sha1Of("node " + i), TestIds.address(i));
            SimEndpoint endpoint = sim.network.attach(self.address());
            ChordNode node = new ChordNode(self, endpoint.transport(), endpoint.scheduler(), sim.streams.stream("node", i),
                    ChordConfig.defaults());
            nodes.add(node);
            storages.add(new ReplicatedStorage(node, new InMemoryRecordStore(), StorageConfig.defaults(),
                    new ChordPlacement(node), sim.streams.stream("storage", i)));
            ring.add(self);
        }
        ring.sort(Comparator.comparing(Contact::id));
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).installConvergedState(ring, true);
            storages.get(i).start();
            directories.add(new DhtPeerDirectory(storages.get(i), () -> WALL_ORIGIN + sim.loop.nowNanos() / 1_000_000));
        }
    }

    private <T> T run(CompletableFuture<T> f) {
        sim.runUntil(f::isDone, Duration.ofMinutes(1), "directory call");
        return f.join();
    }

    private static Address peer(int n) {
        return new Address("192.168.0." + n, 7000 + n);
    }

    @Test
    void manyPeersAnnouncingTheSameContentDoNotEraseEachOther() {
        List<CompletableFuture<Void>> announces = new ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            // From different DHT nodes at the same time: slots shared by several peers see CAS races.
            announces.add(directories.get(p % directories.size()).announce(content, peer(p), Duration.ofMinutes(30)));
        }
        sim.runUntil(() -> announces.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "announces");
        // A lost creation race heals at the next refresh: refresh once, as the share service does.
        List<CompletableFuture<Void>> refreshes = new ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            refreshes.add(directories.get(0).announce(content, peer(p), Duration.ofMinutes(30)));
            run(refreshes.get(refreshes.size() - 1));
        }
        List<Address> found = run(directories.get(5).findPeers(content));
        assertThat(found).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 12)
                .mapToObj(DhtPeerDirectorySimTest::peer).toList());
        assertThat(run(directories.get(3).findPeers(new ContentId(NodeId.sha1Of("other"))))).isEmpty();
    }

    @Test
    void anAnnouncementExpiresUnlessRefreshed() {
        run(directories.get(1).announce(content, peer(1), Duration.ofMinutes(2)));
        run(directories.get(2).announce(content, peer(2), Duration.ofMinutes(10)));
        sim.loop.advance(Duration.ofMinutes(5));
        assertThat(run(directories.get(3).findPeers(content))).containsExactly(peer(2));
        run(directories.get(1).announce(content, peer(1), Duration.ofMinutes(10)));
        assertThat(run(directories.get(4).findPeers(content))).containsExactlyInAnyOrder(peer(1), peer(2));
    }

    @Test
    void aSlotValueFitsADatagramAndMalformedValuesReadAsEmpty() {
        List<PeerEntry> full = new ArrayList<>();
        for (int i = 0; i < PeerListCodec.MAX_PEERS; i++) {
            full.add(new PeerEntry(new Address("2001:db8::" + Integer.toHexString(i + 1), 65535), 0xFFFF_FFFFL));
        }
        assertThat(PeerListCodec.encode(full).length()).isLessThan(1000);
        assertThat(PeerListCodec.decodeOrEmpty(PeerListCodec.encode(full))).isEqualTo(full);
        assertThat(PeerListCodec.decodeOrEmpty(io.chordia.core.util.Bytes.ofUtf8("garbage"))).isEmpty();
        assertThat(DhtRecord.MAX_VALUE_BYTES).isGreaterThan(1000);
    }

    @Test
    void aHostNameIsNotAnnounced() {
        CompletableFuture<Void> f = directories.get(0).announce(content, new Address("seeder.example", 7000), Duration.ofMinutes(1));
        assertThat(f).isCompletedExceptionally();
    }
}
