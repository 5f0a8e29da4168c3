package io.chordia.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.transport.DropReason;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyPeerTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values of every size up to 64 KiB stored and read through replicated storage on real sockets:
 * the small ones travel in datagrams, the large ones over TCP, and the storage code cannot tell.
 */
class LargeValuesOverNettyIT {
    private static final int N = 10;
    private static final int[] SIZES = {1, 900, 1_500, 10_000, 40_000, DhtRecord.MAX_VALUE_BYTES};
    private final EventLoopGroup group = NettyEventLoops.newGroup(2, "large-values");
    private final List<ChordNode> nodes = new ArrayList<>();
    private final List<ReplicatedStorage> stores = new ArrayList<>();
    private final List<NettyPeerTransport> transports = new ArrayList<>();

    @AfterEach
    void stop() {
        stores.forEach(ReplicatedStorage::stop);
        nodes.forEach(ChordNode::stop);
        transports.forEach(NettyPeerTransport::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void valuesUpTo64KiBArePutThroughOnePeerAndReadThroughAnother() throws Exception {
        RpcConfig fast = RpcConfig.defaults().withTimeout(Duration.ofMillis(300)).withBackoffFactor(1.0);
        ChordConfig chord = ChordConfig.defaults().withStabilizeInterval(Duration.ofMillis(100))
                .withFixFingersInterval(Duration.ofMillis(50)).withMaintenanceRpc(fast.withMaxAttempts(3))
                .withLookupRpc(fast.withMaxAttempts(2));
        StorageConfig storage = StorageConfig.defaults().withRepairInterval(Duration.ofSeconds(1));
        RandomStreams streams = new RandomStreams(64);
        RandomGenerator ids = streams.stream("ids");
        for (int i = 0; i < N; i++) {
            NettyPeerTransport transport = NettyPeerTransport.start(TransportConfig.loopback(), group);
            transports.add(transport);
            ChordNode node = new ChordNode(new Contact(NodeId.random(ids), transport.localAddress()), transport,
                    transport.scheduler(), streams.stream("node", i), chord);
            ReplicatedStorage store = new ReplicatedStorage(node, new InMemoryRecordStore(), storage,
                    new ChordPlacement(node), streams.stream("storage", i));
            nodes.add(node);
            stores.add(store);
            List<Address> bootstrap = i == 0 ? List.of() : List.of(nodes.get(0).self().address());
            node.join(bootstrap).get(10, TimeUnit.SECONDS);
            store.start();
        }
        IdealSuccessors.await(nodes, Duration.ofSeconds(30));

        RandomGenerator values = streams.stream("values");
        List<DhtRecord> written = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            byte[] value = new byte[SIZES[i]];
            values.nextBytes(value);
            DhtRecord record = DhtRecord.immutable(Bytes.wrapOwned(value), Duration.ofHours(1));
            PutResult put = stores.get(i % N).put(record).get(20, TimeUnit.SECONDS);
            assertThat(put.status()).as("put of %s bytes: %s", SIZES[i], put).isEqualTo(PutResult.Status.OK);
            written.add(record);
        }
        for (int i = 0; i < written.size(); i++) {
            DhtRecord record = written.get(i);
            GetResult got = stores.get((i + N / 2) % N).get(record.key()).get(20, TimeUnit.SECONDS);
            assertThat(got.status()).as("get of %s bytes: %s", SIZES[i], got).isEqualTo(GetResult.Status.FOUND);
            assertThat(got.record().value()).isEqualTo(record.value());
        }
        long oversize = transports.stream().mapToLong(t -> t.stats().dropped(DropReason.OVERSIZE)).sum();
        assertThat(oversize).as("envelopes dropped as too large").isZero();
    }
}
