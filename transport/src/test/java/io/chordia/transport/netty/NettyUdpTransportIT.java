package io.chordia.transport.netty;

import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.TransportContractTest;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** The transport contract over real UDP sockets on 127.0.0.1, endpoints spread over two event loops. */
class NettyUdpTransportIT extends TransportContractTest {
    @Override
    protected World createWorld() {
        return LoopbackWorld.udp(NettyEventLoops.newGroup(2, "contract"));
    }

    /** Transports on 127.0.0.1 served by {@code group}, which the world shuts down on close. */
    static final class LoopbackWorld<T extends Transport> implements World {
        /** How a transport of this world starts. */
        interface Starter<T> {
            T start(TransportConfig config, EventLoopGroup group) throws IOException;
        }

        private final EventLoopGroup group;
        private final Starter<T> starter;
        private final Function<T, Scheduler> schedulerOf;
        private final List<T> transports = new ArrayList<>();

        LoopbackWorld(EventLoopGroup group, Starter<T> starter, Function<T, Scheduler> schedulerOf) {
            this.group = group;
            this.starter = starter;
            this.schedulerOf = schedulerOf;
        }

        static LoopbackWorld<NettyUdpTransport> udp(EventLoopGroup group) {
            return new LoopbackWorld<>(group, NettyUdpTransport::start, NettyUdpTransport::scheduler);
        }

        static LoopbackWorld<NettyPeerTransport> peer(EventLoopGroup group) {
            return new LoopbackWorld<>(group, NettyPeerTransport::start, NettyPeerTransport::scheduler);
        }

        /** A new transport of this world, closed with it. */
        T open() {
            try {
                T t = starter.start(TransportConfig.loopback(), group);
                transports.add(t);
                return t;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Endpoint newEndpoint() {
            T t = open();
            return new Endpoint(t, schedulerOf.apply(t));
        }

        @Override
        public void await(BooleanSupplier condition, Duration max) {
            Polling.await(condition, max);
        }

        @Override
        public void close() {
            transports.forEach(Transport::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
