package io.chordia.app.demo;

import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyPeerTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Peers on 127.0.0.1 with ephemeral ports (UDP and TCP on the same number), sharing one event loop per core. */
public final class NettyPeerFactory implements LoopbackDemo.PeerFactory {
    private final EventLoopGroup group =
            NettyEventLoops.newGroup(Math.max(1, Runtime.getRuntime().availableProcessors()), "demo-peer");

    @Override
    public LoopbackDemo.PeerSockets open() {
        try {
            NettyPeerTransport transport = NettyPeerTransport.start(TransportConfig.loopback(), group);
            return new LoopbackDemo.PeerSockets(transport, transport.scheduler());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open UDP and TCP sockets on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
