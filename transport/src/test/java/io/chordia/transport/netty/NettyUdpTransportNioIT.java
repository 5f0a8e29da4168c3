package io.chordia.transport.netty;

import io.chordia.core.transport.TransportContractTest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The transport contract again on NIO, the fallback where native epoll does not load. */
class NettyUdpTransportNioIT extends TransportContractTest {
    @Override
    protected World createWorld() {
        return new World() {
            private final EventLoopGroup group = new NioEventLoopGroup(2);
            private final List<NettyUdpTransport> transports = new ArrayList<>();

            @Override
            public Endpoint newEndpoint() {
                try {
                    NettyUdpTransport t = NettyUdpTransport.start(TransportConfig.loopback(), group);
                    transports.add(t);
                    return new Endpoint(t, t.scheduler());
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
        };
    }
}
