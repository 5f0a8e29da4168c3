package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-source quota on a simulated Chord ring: it counts the live records one IP has stored on
 * a node, whatever port it writes from, frees them as they expire, and charges nothing for what a
 * node's replica neighbours repair or hand off to it.
 */
class SourceQuotaSimTest {
    private static final LinkConditions LAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(5)));

    @Test
    void aSourceOverItsQuotaIsRefusedFromAnyPortAndAdmittedAgainOnceItsRecordsExpire() {
        StorageSim sim = new StorageSim(5, LAN, ChordConfig.defaults(), StorageConfig.defaults().withQuotas(3, 1L << 20));
        List<StorageSim.Peer> ring = sim.convergedRing(8);
        Contact target = ring.get(0).node().self();
        RpcEndpoint port1 = outsider(sim, new Address("10.66.0.1", 4000));
        RpcEndpoint port2 = outsider(sim, new Address("10.66.0.1", 4001));
        RpcEndpoint otherHost = outsider(sim, new Address("10.66.0.2", 4000));
        Duration ttl = Duration.ofMinutes(1);

        for (int i = 0; i < 3; i++) {
            assertThat(store(sim, port1, target, record(i, 1, ttl))).isNull();
        }
        assertThat(store(sim, port2, target, record(3, 1, ttl))).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(store(sim, port1, target, record(0, 2, ttl))).as("an overwrite of its own record").isNull();
        assertThat(store(sim, otherHost, target, record(3, 1, ttl))).as("another host has its own quota").isNull();
        long refusals = ring.get(0).storage().stats().refusedQuota();
        assertThat(refusals).isEqualTo(1);

        sim.loop.advance(ttl.plusSeconds(1));

        assertThat(store(sim, port2, target, record(4, 1, ttl))).isNull();
        assertThat(store(sim, port2, target, record(5, 1, ttl))).isNull();
        assertThat(store(sim, port1, target, record(6, 1, ttl))).isNull();
        assertThat(store(sim, port1, target, record(7, 1, ttl))).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    }

    @Test
    void aRecordOverwrittenByAnotherWriterIsChargedToItAndNoLongerToTheFirst() {
        StorageSim sim = new StorageSim(6, LAN, ChordConfig.defaults(), StorageConfig.defaults().withQuotas(1, 1L << 20));
        Contact target = sim.convergedRing(8).get(0).node().self();
        RpcEndpoint first = outsider(sim, new Address("10.66.0.1", 4000));
        RpcEndpoint second = outsider(sim, new Address("10.66.0.2", 4000));
        Duration ttl = Duration.ofHours(1);

        assertThat(store(sim, first, target, record(0, 1, ttl))).isNull();
        assertThat(store(sim, first, target, record(1, 1, ttl))).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(store(sim, second, target, record(0, 2, ttl))).isNull();

        assertThat(store(sim, first, target, record(1, 1, ttl))).isNull();
        assertThat(store(sim, second, target, record(2, 1, ttl))).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    }

    /**
     * Quota 1: each key is put by its owner (its replicas' neighbour), then nodes crash and join
     * so that repair and hand-off move every record at least once. None of it may be refused.
     * The same run with no neighbour recognised (every store charged, as before) is refused.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void repairAndHandOffBetweenReplicaNeighboursAreNeverCharged(long seed) {
        Moves honest = churn(seed, ChordPlacement::new);
        assertThat(honest.repairStores()).as("records moved by repair").isPositive();
        assertThat(honest.handedOff()).as("records handed off to joiners").isPositive();
        assertThat(honest.refusals()).isZero();
        assertThat(churn(seed, node -> new ChordPlacement(node)::localReplicas).refusals()).isPositive();
    }

    private record Moves(long repairStores, long handedOff, long refusals) {}

    private static Moves churn(long seed, Function<ChordNode, ReplicaPlacement> placement) {
        StorageSim sim = new StorageSim(seed, LAN, ChordConfig.defaults(), StorageConfig.defaults().withQuotas(1, 1L << 20));
        sim.placement = placement;
        List<StorageSim.Peer> peers = new ArrayList<>(sim.convergedRing(40));
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            DhtRecord r = record(i, 1, Duration.ofHours(2));
            puts.add(ownerOf(sim, r.key()).storage().put(r));
        }
        sim.loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1));
        for (int round = 0; round < 6; round++) {
            StorageSim.Peer victim = sim.randomLive();
            sim.crash(victim);
            sim.loop.advance(Duration.ofMinutes(2));
            peers.add(sim.join());
            sim.loop.advance(Duration.ofMinutes(2));
        }
        return new Moves(peers.stream().mapToLong(p -> p.storage().stats().repairStores()).sum(),
                peers.stream().mapToLong(p -> p.storage().stats().handedOff()).sum(),
                peers.stream().mapToLong(p -> p.storage().stats().refusedQuota()).sum());
    }

    private static StorageSim.Peer ownerOf(StorageSim sim, NodeId key) {
        List<StorageSim.Peer> ring = new ArrayList<>(sim.live.values());
        ring.sort(Comparator.comparing(p -> p.node().self().id()));
        for (StorageSim.Peer p : ring) {
            if (p.node().self().id().compareTo(key) >= 0) {
                return p;
            }
        }
        return ring.get(0);
    }

    private static DhtRecord record(int i, long version, Duration ttl) {
        return DhtRecord.plain(NodeId.sha1Of("key " + i), Bytes.ofUtf8("value " + i + " v" + version), version, NodeId.ZERO, ttl);
    }

    private static RpcEndpoint outsider(StorageSim sim, Address address) {
        SimEndpoint endpoint = sim.network.attach(address);
        return new RpcEndpoint(new Contact(NodeId.sha1Of(address.toString()), address), endpoint.transport(),
                endpoint.scheduler(), new SplittableRandom(address.port()), RpcConfig.defaults());
    }

    /** Fetches a write token and stores, as any client may; the refusal's code, or null once stored. */
    private static ErrorCode store(StorageSim sim, RpcEndpoint from, Contact to, DhtRecord record) {
        CompletableFuture<?> done = from.exchange(to.address(), to.id(), new FetchRecord(record.key()), RpcConfig.defaults())
                .thenCompose(reply -> from.exchange(to.address(), to.id(),
                        new StoreRecord(record, -1, reply.body().token()), RpcConfig.defaults()));
        sim.await(done.handle((ok, failure) -> null), "a store");
        try {
            done.join();
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RemoteErrorException remote) {
                return remote.code();
            }
            throw e;
        }
    }
}
