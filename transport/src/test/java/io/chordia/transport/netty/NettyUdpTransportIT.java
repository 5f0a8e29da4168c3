package io.chordia.transport.netty;

import io.chordia.core.transport.TransportContractTest;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The transport contract over real UDP sockets on 127.0.0.1, endpoints spread over two event loops. */
class NettyUdpTransportIT extends TransportContractTest {
    @Override
    protected World createWorld() {
        return new LoopbackWorld(NettyEventLoops.newGroup(2, "contract"));
    }

    /** Endpoints on 127.0.0.1 served by {@code group}, which the world shuts down on close. */
    static final class LoopbackWorld implements World {
        private final EventLoopGroup group;
        private final List<NettyUdpTransport> transports = new ArrayList<>();

        LoopbackWorld(EventLoopGroup group) {
            this.group = group;
        }

        @Override
        public Endpoint newEndpoint() {
            try {
                NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.loopback(), group);
                transports.add(transport);
                return new Endpoint(transport, transport.scheduler());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void await(BooleanSupplier condition, Duration max) {
            Polling.await(condition, max);
        }

        @Override
        public void close() {
            transports.forEach(NettyUdpTransport::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
