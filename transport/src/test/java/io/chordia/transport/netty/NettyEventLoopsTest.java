package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NettyEventLoopsTest {
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64", "aarch64"})
    void theNativeEpollLibraryLoadsOnLinux() {
        // Fails when the classifier jars go missing from the build: the transports would fall back to NIO.
        assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
    }

    @Test
    void channelTypesFollowTheGroup() {
        EventLoopGroup group = NettyEventLoops.newGroup(1, "test");
        EventLoopGroup nio = new NioEventLoopGroup(1);
        try {
            assertThat(NettyEventLoops.datagramChannelType(group))
                    .isEqualTo(Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class);
            assertThat(NettyEventLoops.datagramChannelType(nio)).isEqualTo(NioDatagramChannel.class);
            assertThatThrownBy(() -> NettyEventLoops.datagramChannelType(new DefaultEventLoopGroup(1)))
                    .hasMessageContaining("epoll or NIO");
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            nio.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }
}
