package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replies bound to the address called, on real sockets: a forger on another loopback address
 * (127.0.0.2, the port of the node called) cannot complete a call, and a call addressed as an
 * IPv4-mapped IPv6 literal is still answered by the IPv4 socket it reaches.
 */
class ForgedResponseIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RpcConfig ONE_LONG_TRY = RpcConfig.defaults().withTimeout(Duration.ofSeconds(30)).withMaxAttempts(1);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private NettyUdpTransport start(TransportConfig config) throws Exception {
        NettyUdpTransport t = NettyUdpTransport.start(config);
        open.add(t);
        return t;
    }

    private static Contact contactOf(NettyUdpTransport t) {
        return new Contact(NodeId.sha1Of(t.localAddress().toString()), t.localAddress());
    }

    private static RpcEndpoint rpcOn(NettyUdpTransport t, long seed) {
        return new RpcEndpoint(contactOf(t), t, t.scheduler(), new SplittableRandom(seed), ONE_LONG_TRY);
    }

    @Test
    void aReplyFromAnotherHostOnTheSamePortIsDroppedAndTheRealOneCompletesTheCall() throws Exception {
        NettyUdpTransport a = start(TransportConfig.loopback());
        NettyUdpTransport b = start(TransportConfig.loopback());
        NettyUdpTransport forger = start(TransportConfig.loopback().withBindHost("127.0.0.2")
                .withPort(b.localAddress().port()));
        ConcurrentLinkedQueue<Envelope> toB = new ConcurrentLinkedQueue<>();
        b.onReceive((envelope, source) -> toB.add(envelope));
        RpcEndpoint rpcA = rpcOn(a, 1);

        CompletableFuture<Pong> pong = rpcA.call(contactOf(b), new Ping());
        Polling.await(() -> !toB.isEmpty(), WAIT);
        long txId = toB.poll().txId();
        Address aAt = a.localAddress();
        forger.scheduler().execute(() -> forger.send(new Envelope(txId, contactOf(b), aAt, new Pong(aAt))));
        Polling.await(() -> rpcA.stats().forgedResponses() == 1, WAIT);
        assertThat(pong).isNotDone();

        b.scheduler().execute(() -> b.send(new Envelope(txId, contactOf(b), aAt, new Pong(aAt))));
        Polling.await(pong::isDone, WAIT);
        assertThat(pong).isCompleted();
        assertThat(rpcA.stats().responses()).isEqualTo(1);
        assertThat(rpcA.stats().forgedResponses()).isEqualTo(1);
    }

    @Test
    void aCallAddressedAsIpv4MappedIpv6IsAnsweredByTheIpv4Socket() throws Exception {
        NettyUdpTransport a = start(TransportConfig.loopback());
        NettyUdpTransport b = start(TransportConfig.loopback());
        RpcEndpoint rpcA = rpcOn(a, 1);
        rpcOn(b, 2);

        Address mapped = new Address("::ffff:127.0.0.1", b.localAddress().port());
        CompletableFuture<Pong> pong = rpcA.call(mapped, new Ping());
        Polling.await(pong::isDone, WAIT);
        assertThat(pong.join().observedAddress()).isEqualTo(a.localAddress());
        assertThat(rpcA.stats().forgedResponses()).isZero();
    }
}
