package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.RecordReply;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportContractTest;
import io.chordia.core.util.Bytes;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The peer transport holds the datagram contract, and carries what does not fit in a datagram over TCP. */
class NettyPeerTransportIT extends TransportContractTest {
    private static final Duration TTL = Duration.ofHours(1);

    @Override
    protected World createWorld() {
        return NettyUdpTransportIT.LoopbackWorld.peer(NettyEventLoops.newGroup(2, "peer-contract"));
    }

    private static DhtRecord recordOf(int bytes, long seed) {
        byte[] value = new byte[bytes];
        new Random(seed).nextBytes(value);
        return DhtRecord.immutable(Bytes.wrapOwned(value), TTL);
    }

    private static RpcEndpoint endpointOn(NettyPeerTransport t, long seed) {
        Contact self = new Contact(NodeId.sha1Of(t.localAddress().toString()), t.localAddress());
        RpcEndpoint rpc = new RpcEndpoint(self, t, t.scheduler(), new Random(seed),
                RpcConfig.defaults().withTimeout(Duration.ofSeconds(2)));
        return rpc;
    }

    private static <T> T onLoop(NettyPeerTransport t, java.util.function.Supplier<CompletableFuture<T>> call)
            throws Exception {
        CompletableFuture<CompletableFuture<T>> started = new CompletableFuture<>();
        t.scheduler().execute(() -> started.complete(call.get()));
        return started.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    @Test
    void storesAndFetchesA64KiBValueOverTcpWhileSmallMessagesStayOnUdp() throws Exception {
        try (var world = NettyUdpTransportIT.LoopbackWorld.peer(NettyEventLoops.newGroup(2, "peer-large"))) {
            NettyPeerTransport server = world.open();
            NettyPeerTransport client = world.open();
            assertThat(server.localAddress().port()).isPositive();
            RpcEndpoint serving = endpointOn(server, 1);
            RpcEndpoint asking = endpointOn(client, 2);
            ConcurrentLinkedQueue<Address> storeSources = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<DhtRecord> held = new ConcurrentLinkedQueue<>();
            server.scheduler().execute(() -> {
                serving.register(StoreRecord.class, (StoreRecord q, RequestContext ctx) -> {
                    storeSources.add(ctx.source());
                    held.add(q.record());
                    return new Ack();
                });
                serving.register(FetchRecord.class, (FetchRecord q, RequestContext ctx) ->
                        new RecordReply(held.stream().filter(r -> r.key().equals(q.key())).toList(), Bytes.EMPTY));
            });
            DhtRecord large = recordOf(DhtRecord.MAX_VALUE_BYTES, 7);

            onLoop(client, () -> asking.call(server.localAddress(), new StoreRecord(large, -1, Bytes.EMPTY)));
            RecordReply reply = onLoop(client, () -> asking.call(server.localAddress(), new FetchRecord(large.key())));

            assertThat(reply.records()).containsExactly(large);
            // The IP is the connection's, the port the one the client's datagrams come from.
            assertThat(storeSources).containsExactly(client.localAddress());
            assertThat(client.openConnections()).isEqualTo(1);
            assertThat(server.stats().receivedBytes()).isGreaterThan(DhtRecord.MAX_VALUE_BYTES);
            assertThat(client.stats().receivedBytes()).isGreaterThan(DhtRecord.MAX_VALUE_BYTES);
            assertThat(client.stats().dropped(DropReason.OVERSIZE)).isZero();

            // A small request goes by datagram: no new connection.
            long frames = client.openConnections();
            onLoop(client, () -> asking.call(server.localAddress(), new FetchRecord(NodeId.sha1Of("absent"))));
            assertThat(client.openConnections()).isEqualTo(frames);
        }
    }

    @Test
    void aLargeEnvelopeToAnAddressWhereNobodyListensIsCountedNotThrown() throws Exception {
        try (var world = NettyUdpTransportIT.LoopbackWorld.peer(NettyEventLoops.newGroup(1, "peer-nobody"))) {
            NettyPeerTransport client = world.open();
            NettyPeerTransport gone = world.open();
            Address nobody = gone.localAddress();
            gone.close();
            RpcEndpoint asking = endpointOn(client, 3);
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            client.scheduler().execute(() -> asking.call(nobody, new StoreRecord(recordOf(10_000, 4), -1, Bytes.EMPTY))
                    .whenComplete((ok, error) -> failure.complete(error)));
            assertThat(failure.get(20, TimeUnit.SECONDS)).isNotNull();
            Polling.await(() -> client.stats().dropped(DropReason.SEND_FAILED) > 0, Duration.ofSeconds(5));
            assertThat(client.openConnections()).isZero();
        }
    }
}
