package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaSimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Networks smaller than the replica count N = 3, joined the way people start them (one node, then
 * the next through it): every put succeeds with every node holding the value, says how many
 * replicas it wanted and why it has fewer, and every node reads it back. One node used to fail
 * every put ("1 of 1 replicas acknowledged, 2 needed") and then serve the value anyway; in Chord,
 * two and three nodes fell one replica short because the successor list does not wrap round to
 * the asker.
 */
class SmallNetworkStorageSimTest {
    private static final LinkConditions LAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(10)));
    private static final Duration TTL = Duration.ofHours(1);
    private static final int KEYS = 12;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void chordStoresOnEveryNodeOfASmallRing(int nodes) {
        StorageSim sim = new StorageSim(nodes, LAN, ChordConfig.defaults(), StorageConfig.defaults());
        StorageSim.Peer first = sim.newPeer();
        sim.await(first.node().join(List.of()), "first node starts the ring");
        first.storage().start();
        sim.live.put(first.node().self().id(), first);
        List<ReplicatedStorage> stores = new ArrayList<>(List.of(first.storage()));
        for (int i = 1; i < nodes; i++) {
            stores.add(sim.join().storage());
        }
        sim.loop.advance(Duration.ofSeconds(20)); // stabilize: successor and predecessor lists settle
        putAndGetEverywhere(stores, nodes, (f, what) -> sim.await(f, what));
    }

    /**
     * A node that holds no records (a bootstrap node: record requests are UNSUPPORTED there) owns a
     * stretch of the ring but is no replica: the set takes the next node instead, so a small
     * network started the README's way (a bootstrap node, then nodes) stores on every node that can.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aNodeThatStoresNothingIsNoReplica(int nodes) {
        StorageSim sim = new StorageSim(10 + nodes, LAN, ChordConfig.defaults(), StorageConfig.defaults());
        ChordNode bootstrap = sim.newNode();
        sim.await(bootstrap.join(List.of()), "the bootstrap node starts the ring");
        List<ReplicatedStorage> stores = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            StorageSim.Peer p = sim.newPeer();
            sim.await(p.node().join(List.of(bootstrap.self().address())), "join");
            p.storage().start();
            stores.add(p.storage());
        }
        sim.loop.advance(Duration.ofSeconds(20));
        putAndGetEverywhere(stores, nodes, (f, what) -> sim.await(f, what));
    }

    @Test
    void aBootstrapNodeInTheReplicaSetDoesNotCostAReplica() {
        StorageSim sim = new StorageSim(5, LAN, ChordConfig.defaults(), StorageConfig.defaults());
        ChordNode bootstrap = sim.newNode();
        sim.await(bootstrap.join(List.of()), "the bootstrap node starts the ring");
        List<StorageSim.Peer> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            StorageSim.Peer p = sim.newPeer();
            sim.await(p.node().join(List.of(bootstrap.self().address())), "join");
            p.storage().start();
            peers.add(p);
        }
        sim.loop.advance(Duration.ofSeconds(20));
        // Keys the bootstrap node owns: their Chord replica set starts with it.
        int keys = 0;
        for (int k = 0; keys < 5; k++) {
            DhtRecord record = DhtRecord.immutable(Bytes.ofUtf8("near the bootstrap node " + k), TTL);
            List<io.chordia.core.net.Contact> owners = sim.await(peers.get(0).node().lookup(record.key(),
                    io.chordia.routing.LookupStyle.ITERATIVE), "lookup").closest();
            if (!owners.get(0).id().equals(bootstrap.self().id())) {
                continue;
            }
            keys++;
            PutResult put = sim.await(peers.get(k % 4).storage().put(record), "put");
            assertThat(put.status()).as("%s", put).isEqualTo(PutResult.Status.OK);
            assertThat(put.acked()).hasSize(3).noneMatch(c -> c.id().equals(bootstrap.self().id()));
            assertThat(put.summary()).isEqualTo("stored on 3 of 3 replicas");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void kademliaStoresOnEveryNodeOfASmallNetwork(int nodes) {
        KademliaSimulation sim = new KademliaSimulation(nodes, LAN, KademliaConfig.defaults());
        List<ReplicatedStorage> stores = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            sim.addNode();
            ReplicatedStorage s = new ReplicatedStorage(sim.node(i), new InMemoryRecordStore(), StorageConfig.defaults(),
                    new KademliaPlacement(sim.node(i)), sim.streams.stream("storage", i));
            stores.add(s);
        }
        sim.joinAll(0, nodes, Duration.ofSeconds(1), Duration.ofMinutes(2));
        stores.forEach(ReplicatedStorage::start);
        sim.runFor(Duration.ofSeconds(20));
        putAndGetEverywhere(stores, nodes, (f, what) -> sim.runUntil(f::isDone, Duration.ofMinutes(2), what));
    }

    /** Runs virtual time until {@code f} is done, failing with {@code what} if it never is. */
    interface Loop {
        void runUntilDone(CompletableFuture<?> f, String what);

        default <T> T await(CompletableFuture<T> f, String what) {
            runUntilDone(f, what);
            return f.join();
        }
    }

    private static void putAndGetEverywhere(List<ReplicatedStorage> stores, int nodes, Loop sim) {
        String why = nodes == 1 ? " (only 1 node known)" : nodes == 2 ? " (only 2 nodes known)" : "";
        for (int k = 0; k < KEYS; k++) {
            ReplicatedStorage writer = stores.get(k % nodes);
            DhtRecord record = DhtRecord.immutable(Bytes.ofUtf8("small " + k), TTL);
            PutResult put = sim.await(writer.put(record), "put");
            assertThat(put.status()).as("put %s on %s nodes: %s", k, nodes, put).isEqualTo(PutResult.Status.OK);
            assertThat(put.acked()).as("put %s on %s nodes", k, nodes).hasSize(nodes);
            assertThat(put.replicas()).hasSize(nodes);
            assertThat(put.missing()).isEmpty();
            assertThat(put.wanted()).isEqualTo(3);
            assertThat(put.quorum()).isEqualTo(Math.min(2, nodes));
            assertThat(put.belowWanted()).isEqualTo(nodes < 3);
            assertThat(put.summary()).isEqualTo("stored on " + nodes + " of 3 replicas" + why);
            for (ReplicatedStorage reader : stores) {
                GetResult got = sim.await(reader.get(record.key()), "get");
                assertThat(got.status()).as("get %s on %s nodes", k, nodes).isEqualTo(GetResult.Status.FOUND);
                assertThat(got.record().value().toUtf8()).isEqualTo("small " + k);
                assertThat(got.answered()).hasSize(nodes);
            }
        }
        NodeId absent = NodeId.sha1Of("nobody stored this");
        assertThat(sim.await(stores.get(0).get(absent), "get").status()).isEqualTo(GetResult.Status.NOT_FOUND);
    }
}
