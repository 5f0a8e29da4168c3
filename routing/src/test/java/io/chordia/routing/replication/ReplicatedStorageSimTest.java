package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ReplicatedStorageSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));
    private static final Duration TTL = Duration.ofHours(1);

    private final StorageSim sim = new StorageSim(11, WAN, ChordConfig.defaults(), StorageConfig.defaults());

    @Test
    void putThenGetFromAnotherNodeReturnsTheLatestVersionFromAQuorum() {
        sim.convergedRing(50);
        NodeId key = NodeId.sha1Of("greeting");
        StorageSim.Peer writer = sim.randomLive();
        PutResult first = sim.await(writer.storage().put(DhtRecord.plain(key, Bytes.ofUtf8("hello"), 1, NodeId.ZERO, TTL)), "put");
        PutResult second = sim.await(writer.storage().put(DhtRecord.plain(key, Bytes.ofUtf8("hello again"), 2, NodeId.ZERO, TTL)), "put");
        assertThat(first.status()).isEqualTo(PutResult.Status.OK);
        assertThat(second.acked()).hasSize(3);

        GetResult got = sim.await(sim.randomLive().storage().get(key), "get");
        assertThat(got.status()).isEqualTo(GetResult.Status.FOUND);
        assertThat(got.record().value().toUtf8()).isEqualTo("hello again");
        assertThat(got.answered()).hasSize(3);

        PutResult stale = sim.await(writer.storage().put(DhtRecord.plain(key, Bytes.ofUtf8("old"), 1, NodeId.ZERO, TTL)), "put");
        assertThat(stale.status()).isEqualTo(PutResult.Status.REFUSED);
        assertThat(stale.refusal()).isEqualTo(ErrorCode.STALE);
        assertThat(sim.await(sim.randomLive().storage().get(NodeId.sha1Of("nothing here")), "get").status())
                .isEqualTo(GetResult.Status.NOT_FOUND);
    }

    @Test
    void signedRecordRulesAreEnforcedByEveryReplica() {
        sim.convergedRing(30);
        RecordSigner alice = RecordSigner.generate(sim.streams.stream("alice"));
        Bytes salt = Bytes.ofUtf8("status");
        StorageSim.Peer peer = sim.randomLive();
        assertThat(sim.await(peer.storage().put(alice.sign(salt, 2, Bytes.ofUtf8("two"), TTL)), "put").status())
                .isEqualTo(PutResult.Status.OK);
        assertThat(sim.await(peer.storage().put(alice.sign(salt, 1, Bytes.ofUtf8("one"), TTL)), "put").refusal())
                .isEqualTo(ErrorCode.STALE);
        assertThat(sim.await(peer.storage().put(alice.sign(salt, 2, Bytes.ofUtf8("TWO"), TTL)), "put").refusal())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(sim.await(peer.storage().put(alice.sign(salt, 4, Bytes.ofUtf8("four"), TTL), 3), "put").refusal())
                .isEqualTo(ErrorCode.CAS_FAILED);
        DhtRecord good = alice.sign(salt, 5, Bytes.ofUtf8("five"), TTL);
        DhtRecord forged = new DhtRecord(good.key(), good.kind(), Bytes.ofUtf8("evil"), 5, NodeId.ZERO,
                good.publicKey(), salt, good.signature(), TTL);
        assertThat(sim.await(peer.storage().put(forged), "put").refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        assertThat(sim.await(peer.storage().put(good, 2), "put").status()).isEqualTo(PutResult.Status.OK);
        assertThat(sim.await(sim.randomLive().storage().get(good.key()), "get").record().value().toUtf8()).isEqualTo("five");
    }

    @Test
    void aStoreWithoutAWriteTokenIsRefused() {
        sim.convergedRing(20);
        StorageSim.Peer a = sim.randomLive();
        StorageSim.Peer b = sim.randomLive();
        while (b == a) {
            b = sim.randomLive();
        }
        DhtRecord record = DhtRecord.immutable(Bytes.ofUtf8("sneaky"), TTL);
        CompletableFuture<Ack> blind = a.node().rpc().call(b.node().self(),
                new StoreRecord(record, -1, Bytes.wrapOwned(new byte[8])));
        sim.loop.runUntil(blind::isDone, Duration.ofSeconds(10));
        assertThat(blind).isCompletedExceptionally();
        assertThat(causeOf(blind)).isInstanceOfSatisfying(RemoteErrorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TOKEN));
        assertThat(b.storage().stats().refusedTokens()).isEqualTo(1);
        assertThat(b.storage().store().get(record.key())).isNull();
    }

    @Test
    void aSourceCannotFillANode() {
        StorageSim small = new StorageSim(12, WAN, ChordConfig.defaults(),
                StorageConfig.defaults().withReplicas(1, 1, 1).withQuotas(5, 1 << 20));
        small.convergedRing(10);
        StorageSim.Peer a = small.live.values().iterator().next();
        int ok = 0;
        int quota = 0;
        for (int i = 0; i < 100; i++) {
            PutResult r = small.await(a.storage().put(DhtRecord.immutable(Bytes.ofUtf8("v" + i), TTL)), "put");
            ok += r.status() == PutResult.Status.OK ? 1 : 0;
        }
        for (StorageSim.Peer p : small.live.values()) {
            quota += (int) p.storage().stats().refusedQuota();
        }
        // Seven other nodes take at most 5 records each from this source. Not limited: the writer's
        // own share, and those of its two predecessors, for whose keys (N = 1) it is a replica
        // neighbour: just past the replica, or two past it (see ReplicaNeighbours).
        assertThat(quota).isPositive();
        assertThat(ok).isLessThan(100);
        List<Contact> neighbours = a.node().predecessors().subList(0, 2);
        for (StorageSim.Peer p : small.live.values()) {
            if (p != a && !neighbours.contains(p.node().self())) {
                assertThat(p.storage().store().size()).isLessThanOrEqualTo(5);
            }
        }
    }

    private static Throwable causeOf(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void repairComparesUpToDateReplicasByRangeDigestAndShipsTheValueOnlyToOneThatLacksIt() {
        sim.convergedRing(20);
        java.util.Map<Class<?>, Integer> sent = new java.util.HashMap<>();
        sim.network.addListener(new io.chordia.core.sim.NetworkListener() {
            @Override
            public void onSent(io.chordia.core.message.Envelope envelope, io.chordia.core.net.Address from, int bytes) {
                sent.merge(envelope.body().getClass(), 1, Integer::sum);
            }
        });
        byte[] big = new byte[20_000];
        sim.workload.nextBytes(big);
        DhtRecord record = DhtRecord.immutable(Bytes.wrapOwned(big), TTL);
        assertThat(sim.await(sim.randomLive().storage().put(record), "put").status()).isEqualTo(PutResult.Status.OK);
        sim.loop.advance(Duration.ofSeconds(5)); // the put's third replica may answer late
        sent.clear();

        sim.loop.advance(sim.storageConfig.repairInterval().multipliedBy(3));
        assertThat(sent.getOrDefault(io.chordia.core.message.CompareRange.class, 0)).isGreaterThanOrEqualTo(6);
        assertThat(sent).doesNotContainKeys(io.chordia.core.message.CheckRecord.class, StoreRecord.class,
                io.chordia.core.message.RecordReply.class);

        StorageSim.Peer replica = sim.live.values().stream()
                .filter(p -> p.storage().store().get(record.key()) != null).findFirst().orElseThrow();
        replica.storage().store().remove(record.key()); // as if its disk had lost it
        sim.loop.advance(sim.storageConfig.repairInterval().multipliedBy(2));
        assertThat(sent.getOrDefault(StoreRecord.class, 0)).isBetween(1, 2);
        assertThat(replica.storage().store().get(record.key()).record().sameContent(record)).isTrue();
    }
}
