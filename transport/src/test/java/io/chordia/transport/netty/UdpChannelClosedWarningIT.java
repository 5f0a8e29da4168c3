package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "UDP channel closed under us" warns of a socket lost while the node runs, not of a node stopping:
 * shutting down the event loops a transport runs on (what a daemon does last) is silent.
 */
class UdpChannelClosedWarningIT {
    private static final String WARNING = "closed under us";

    @Test
    void shuttingDownTheLoopsIsSilent() throws Exception {
        try (WarningCapture warnings = WarningCapture.install()) {
            EventLoopGroup group = NettyEventLoops.newGroup(1, "udp-shutdown-test");
            NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.loopback(), group);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            channelOf(transport).closeFuture().sync();
            transport.close();
            group.terminationFuture().sync(); // every listener of the loop has run
            assertThat(warnings.events()).noneMatch(e -> e.contains(WARNING));
        }
    }

    @Test
    void aChannelClosedWhileTheLoopRunsStillWarns() throws Exception {
        try (WarningCapture warnings = WarningCapture.install();
             NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.loopback())) {
            channelOf(transport).close().sync();
            // The close listener runs on the event loop, possibly just after close() completes.
            Polling.await(() -> warnings.events().stream().anyMatch(e -> e.contains(WARNING)), Duration.ofSeconds(5));
            assertThat(warnings.events()).anyMatch(e -> e.contains(WARNING));
        }
    }

    /** The transport keeps its channel to itself; a test closes it the way a failing socket would. */
    private static Channel channelOf(NettyUdpTransport transport) throws ReflectiveOperationException {
        Field field = NettyUdpTransport.class.getDeclaredField("channel");
        field.setAccessible(true);
        return (Channel) field.get(transport);
    }
}
