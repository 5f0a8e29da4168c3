package io.chordia.transport.netty;

import io.chordia.core.transport.TransportContractTest;
import io.netty.channel.nio.NioEventLoopGroup;

/** The transport contract again on NIO, the fallback where native epoll does not load. */
class NettyUdpTransportNioIT extends TransportContractTest {
    @Override
    protected World createWorld() {
        return NettyUdpTransportIT.LoopbackWorld.udp(new NioEventLoopGroup(2));
    }
}
