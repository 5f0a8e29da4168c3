package io.chordia.bootstrap;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.UnguessableRandom;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.time.Cancellable;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peer that pings a bootstrap node at a steady pace, one attempt per ping, and counts what is
 * answered: the victim's view of a flood. Its RPC endpoint answers the node's verification ping.
 * Pings run on the peer's own node thread (its event loop); counters are readable anywhere.
 */
final class WellBehavedPeer implements AutoCloseable {
    private static final int MAX_RTTS = 1 << 16;

    private final NettyUdpTransport transport;
    private final RpcEndpoint rpc;
    private final Address target;
    private final RpcConfig oneTry;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long[] rtts = new long[MAX_RTTS];
    private int rttCount;
    private Cancellable pinging = Cancellable.NONE;

    private WellBehavedPeer(NettyUdpTransport transport, Address target, Duration timeout) {
        this.transport = transport;
        this.target = target;
        this.oneTry = RpcConfig.defaults().withTimeout(timeout).withMaxAttempts(1);
        Contact self = new Contact(NodeId.random(UnguessableRandom.create()), transport.localAddress());
        this.rpc = new RpcEndpoint(self, transport, transport.scheduler(), UnguessableRandom.create(), oneTry);
    }

    static WellBehavedPeer start(String bindHost, Address target, Duration timeout) throws IOException {
        NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.defaults().withBindHost(bindHost).withPort(0));
        return new WellBehavedPeer(transport, target, timeout);
    }

    Contact self() {
        return rpc.self();
    }

    /** Pings every {@code interval} until {@link #stopPinging}. */
    void startPinging(Duration interval) {
        transport.scheduler().execute(() ->
                pinging = transport.scheduler().scheduleAtFixedRate(Duration.ZERO, interval, this::pingOnce));
    }

    void stopPinging() {
        transport.scheduler().execute(() -> pinging.cancel());
    }

    CompletableFuture<Nodes> findNode(NodeId target) {
        return rpc.call(this.target, new FindNode(target, 20));
    }

    private void pingOnce() {
        long start = System.nanoTime();
        sent.incrementAndGet();
        rpc.exchange(target, null, new Ping(), oneTry).whenComplete((reply, failure) -> {
            if (failure != null) {
                failed.incrementAndGet();
                return;
            }
            answered.incrementAndGet();
            synchronized (rtts) {
                if (rttCount < MAX_RTTS) {
                    rtts[rttCount++] = System.nanoTime() - start;
                }
            }
        });
    }

    /** A copy of the counters. */
    Counts counts() {
        return new Counts(sent.get(), answered.get(), failed.get());
    }

    record Counts(long sent, long answered, long failed) {
        Counts minus(Counts before) {
            return new Counts(sent - before.sent, answered - before.answered, failed - before.failed);
        }

        boolean settled() {
            return answered + failed == sent;
        }

        double answeredFraction() {
            return sent == 0 ? 0 : (double) answered / sent;
        }
    }

    /** The {@code q}-quantile (0..1) of the round trips so far, in milliseconds. */
    double rttMillis(double q) {
        long[] copy;
        synchronized (rtts) {
            copy = Arrays.copyOf(rtts, rttCount);
        }
        if (copy.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(copy);
        return copy[(int) Math.min(copy.length - 1, Math.floor(q * copy.length))] / 1e6;
    }

    @Override
    public void close() {
        transport.scheduler().execute(() -> {
            pinging.cancel();
            rpc.close();
        });
        transport.close();
    }
}
