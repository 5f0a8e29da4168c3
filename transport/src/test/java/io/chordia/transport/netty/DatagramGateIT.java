package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Ping;
import io.chordia.core.transport.DropReason;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A transport started with a gate asks it about real datagrams and counts what it refuses. */
class DatagramGateIT {
    @Test
    void refusedDatagramsNeverReachTheHandler() throws Exception {
        EventLoopGroup group = NettyEventLoops.newGroup(1, "gate-it");
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        try (NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.loopback(), group,
                (sender, bytes) -> asked.incrementAndGet() > 1);
             DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            transport.onReceive((envelope, source) -> delivered.incrementAndGet());
            byte[] bytes = new KryoWireCodec(UdpFixtures.MAX).encode(UdpFixtures.inbound(1, new Ping()));
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", transport.localAddress().port());
            socket.send(new DatagramPacket(bytes, bytes.length, to));
            socket.send(new DatagramPacket(bytes, bytes.length, to));
            Polling.await(() -> delivered.get() == 1, Duration.ofSeconds(10));

            assertThat(transport.stats().dropped(DropReason.RATE_LIMITED)).isEqualTo(1);
            assertThat(asked.get()).isEqualTo(2);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
