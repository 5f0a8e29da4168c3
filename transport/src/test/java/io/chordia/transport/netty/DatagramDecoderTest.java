package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Ping;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DatagramDecoderTest {
    private final TransportStats stats = new TransportStats();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new DatagramDecoder(new KryoWireCodec(UdpFixtures.MAX), stats, UdpFixtures.LOCAL));

    @Test
    void decodesADatagramIntoAnEnvelopeWithItsSourceAndReleasesIt() {
        Envelope sent = UdpFixtures.inbound(9, new FindNode(NodeId.sha1Of("t"), 8));
        DatagramPacket packet = UdpFixtures.datagram(sent);

        channel.writeInbound(packet);

        InboundEnvelope out = channel.readInbound();
        assertThat(out.envelope()).isEqualTo(sent);
        assertThat(out.source()).isEqualTo(UdpFixtures.PEER);
        assertThat(out.bytes()).isEqualTo(new KryoWireCodec(UdpFixtures.MAX).encodedSize(sent));
        assertThat(packet.refCnt()).isZero();
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void countsAndReleasesGarbageAndPassesNothingOn() {
        DatagramPacket garbage = UdpFixtures.datagram(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, UdpFixtures.PEER_SOCKET);
        DatagramPacket empty = UdpFixtures.datagram(new byte[0], UdpFixtures.PEER_SOCKET);

        channel.writeInbound(garbage, empty);

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(garbage.refCnt()).isZero();
        assertThat(empty.refCnt()).isZero();
        assertThat(stats.dropped(DropReason.BAD_HEADER)).isEqualTo(1);
        assertThat(stats.dropped(DropReason.MALFORMED)).isEqualTo(1);
        channel.checkException();
    }

    @Test
    void aDatagramFillingTheOneByteOverTheMaximumIsOversize() {
        byte[] valid = new KryoWireCodec(UdpFixtures.MAX).encode(UdpFixtures.inbound(1, new Ping()));
        byte[] truncated = new byte[UdpFixtures.MAX + 1];
        System.arraycopy(valid, 0, truncated, 0, valid.length);

        channel.writeInbound(UdpFixtures.datagram(truncated, UdpFixtures.PEER_SOCKET));

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(stats.dropped(DropReason.OVERSIZE)).isEqualTo(1);
    }

    @Test
    void aSourceWithPortZeroIsDroppedNotThrown() {
        Envelope sent = UdpFixtures.inbound(2, new Ping());
        byte[] bytes = new KryoWireCodec(UdpFixtures.MAX).encode(sent);

        channel.writeInbound(UdpFixtures.datagram(bytes, new InetSocketAddress("127.0.0.1", 0)));

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(stats.dropped(DropReason.MALFORMED)).isEqualTo(1);
        channel.checkException();
    }

    @Test
    void somethingThatIsNotADatagramIsReleasedAndCounted() {
        ByteBuf stray = Unpooled.buffer(4).writeInt(7);

        channel.writeInbound(stray);

        assertThat(stray.refCnt()).isZero();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(stats.dropped(DropReason.MALFORMED)).isEqualTo(1);
    }
}
