package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Ping;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional gate in front of the decoder: what it refuses is never decoded, and is counted. */
class DatagramGateHandlerTest {
    private final TransportStats stats = new TransportStats();
    private final InboundDispatcher dispatcher = new InboundDispatcher(stats);
    private final List<Long> delivered = new ArrayList<>();

    private EmbeddedChannel channelWith(DatagramGate gate) {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettyUdpTransport.initPipeline(channel.pipeline(), new KryoWireCodec(UdpFixtures.MAX), stats, dispatcher,
                UdpFixtures.LOCAL);
        channel.pipeline().addFirst(new DatagramGateHandler(gate, stats));
        dispatcher.setHandler((envelope, source) -> delivered.add(envelope.txId()));
        return channel;
    }

    @Test
    void refusedDatagramsAreReleasedCountedAndNeverDelivered() {
        List<InetSocketAddress> asked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        EmbeddedChannel channel = channelWith((sender, bytes) -> {
            asked.add(sender);
            sizes.add(bytes);
            return asked.size() % 2 == 1;
        });
        List<DatagramPacket> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DatagramPacket p = UdpFixtures.datagram(UdpFixtures.inbound(i, new Ping()));
            sent.add(p);
            channel.writeInbound(p);
        }
        channel.checkException();

        assertThat(delivered).containsExactly(0L, 2L);
        assertThat(stats.dropped(DropReason.RATE_LIMITED)).isEqualTo(2);
        assertThat(stats.received()).isEqualTo(2);
        assertThat(asked).containsOnly(UdpFixtures.PEER_SOCKET).hasSize(4);
        int pingBytes = new KryoWireCodec(UdpFixtures.MAX).encode(UdpFixtures.inbound(0, new Ping())).length;
        assertThat(sizes).containsOnly(pingBytes);
        assertThat(sent).allSatisfy(p -> assertThat(p.refCnt()).isZero());
    }

    @Test
    void aGateThatThrowsRefusesInsteadOfBreakingThePipeline() {
        EmbeddedChannel channel = channelWith((sender, bytes) -> {
            throw new IllegalStateException("bug in a gate");
        });
        DatagramPacket p = UdpFixtures.datagram(UdpFixtures.inbound(1, new Ping()));
        channel.writeInbound(p);

        channel.checkException();
        assertThat(delivered).isEmpty();
        assertThat(stats.dropped(DropReason.RATE_LIMITED)).isEqualTo(1);
        assertThat(p.refCnt()).isZero();
    }
}
