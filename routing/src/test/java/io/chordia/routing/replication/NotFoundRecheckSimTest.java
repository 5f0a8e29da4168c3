package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.util.Bytes;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.chord.SortedRing;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A get whose lookup ends at nodes that never held the key: their "not found" is a read quorum, and
 * before a second lookup had to agree the get said "not found" of a key its three replicas held (a
 * 700-node Kademlia run under churn lost a key so). The reader's lookups here are scripted over a
 * converged ring: the first of the stored key names three nodes just past its replicas.
 */
class NotFoundRecheckSimTest {
    private static final LinkConditions LAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(10)));

    @Test
    void aNotFoundFromNodesThatNeverHeldTheKeyIsCheckedByASecondLookup() {
        StorageSim sim = new StorageSim(7, LAN, ChordConfig.defaults(), StorageConfig.defaults());
        List<StorageSim.Peer> peers = sim.convergedRing(10);
        NodeId key = NodeId.sha1Of("stored");
        DhtRecord record = DhtRecord.plain(key, Bytes.ofUtf8("held by three"), 1, NodeId.sha1Of("writer"), Duration.ofHours(1));
        assertThat(sim.await(peers.get(0).storage().put(record), "put").status()).isEqualTo(PutResult.Status.OK);

        ScriptedLookups lookups = new ScriptedLookups(sim.newNode(), ring(peers));
        lookups.missFirst(key);
        ReplicatedStorage reader = reader(sim, lookups);
        GetResult got = sim.await(reader.get(key), "get");

        assertThat(got.status()).as("%s", got).isEqualTo(GetResult.Status.FOUND);
        assertThat(got.record().value()).isEqualTo(record.value());
        assertThat(reader.stats().notFoundRechecks()).isEqualTo(1);
        assertThat(lookups.made(key)).isEqualTo(2);
    }

    @Test
    void aKeyNeverStoredCostsOneLookupMoreAndNoSecondRead() {
        StorageSim sim = new StorageSim(8, LAN, ChordConfig.defaults(), StorageConfig.defaults());
        List<StorageSim.Peer> peers = sim.convergedRing(10);
        NodeId key = NodeId.sha1Of("never stored");

        ScriptedLookups lookups = new ScriptedLookups(sim.newNode(), ring(peers));
        ReplicatedStorage reader = reader(sim, lookups);
        GetResult got = sim.await(reader.get(key), "get");

        assertThat(got.status()).isEqualTo(GetResult.Status.NOT_FOUND);
        assertThat(lookups.made(key)).as("the first lookup and the one that confirms it").isEqualTo(2);
        assertThat(reader.stats().notFoundRechecks()).as("the second lookup found the replicas already asked").isZero();
        assertThat(reader.stats().getsNotFound()).isEqualTo(1);
    }

    private static List<Contact> ring(List<StorageSim.Peer> peers) {
        List<Contact> ring = new ArrayList<>();
        peers.forEach(p -> ring.add(p.node().self()));
        ring.sort(Comparator.comparing(Contact::id));
        return ring;
    }

    private static ReplicatedStorage reader(StorageSim sim, ScriptedLookups lookups) {
        return new ReplicatedStorage(lookups, new InMemoryRecordStore(), StorageConfig.defaults(),
                new ChordPlacement(lookups.node), sim.streams.stream("reader"), sim::wallMillis);
    }

    /** A node outside the ring whose lookups read the ring's global view; the first of a chosen key misses. */
    private static final class ScriptedLookups implements OverlayNode {
        final ChordNode node;
        private final List<Contact> ring;
        private final List<NodeId> missing = new ArrayList<>();
        private final List<NodeId> asked = new ArrayList<>();

        ScriptedLookups(ChordNode node, List<Contact> ring) {
            this.node = node;
            this.ring = ring;
        }

        void missFirst(NodeId key) {
            missing.add(key);
        }

        long made(NodeId key) {
            return asked.stream().filter(key::equals).count();
        }

        @Override
        public CompletableFuture<LookupResult> lookup(NodeId key, LookupStyle style) {
            asked.add(key);
            int owner = SortedRing.successorIndex(ring, key);
            // Three nodes just past the key's three replicas on a miss, else the replicas and the nodes after them.
            int from = missing.remove(key) ? owner + 3 : owner;
            List<Contact> closest = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                closest.add(ring.get((from + i) % ring.size()));
            }
            return CompletableFuture.completedFuture(new LookupResult(key, LookupResult.Status.OK, closest, 2, 2,
                    closest.subList(0, 1)));
        }

        @Override
        public Contact self() {
            return node.self();
        }

        @Override
        public RpcEndpoint rpc() {
            return node.rpc();
        }

        @Override
        public CompletableFuture<Void> join(List<Address> bootstrap) {
            return node.join(bootstrap);
        }

        @Override
        public CompletableFuture<List<Contact>> leafSet(int perSide) {
            return node.leafSet(perSide);
        }

        @Override
        public CompletableFuture<Void> leave() {
            return node.leave();
        }

        @Override
        public void stop() {
            node.stop();
        }
    }
}
