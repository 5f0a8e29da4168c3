package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.transport.WireProfile;
import io.chordia.transport.WireCodecs;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The datagram pipeline over KRPC: the sender's address from the datagram, one codec both ways. */
class KrpcDatagramPipelineTest {
    private static final byte[] BEP5_PING = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe"
            .getBytes(StandardCharsets.US_ASCII);

    private final TransportStats stats = new TransportStats();
    private final DatagramCodec codec = DatagramCodec.of(WireCodecs.forProfile(WireProfile.KRPC, UdpFixtures.MAX),
            UdpFixtures.MAX);
    private final EmbeddedChannel channel = new EmbeddedChannel(new DatagramDecoder(codec, stats, UdpFixtures.LOCAL),
            new EnvelopeEncoder(codec, stats, null));

    @Test
    void aPeersPingIsDecodedWithItsSourceAndTheReplyEchoesItsTransactionId() {
        channel.writeInbound(UdpFixtures.datagram(BEP5_PING, UdpFixtures.PEER_SOCKET));

        InboundEnvelope in = channel.readInbound();
        assertThat(in.envelope().body()).isEqualTo(new Ping());
        assertThat(in.envelope().sender().address()).isEqualTo(UdpFixtures.PEER);
        assertThat(in.source()).isEqualTo(UdpFixtures.PEER);

        channel.writeOutbound(new Envelope(in.envelope().txId(), UdpFixtures.LOCAL_CONTACT, UdpFixtures.PEER,
                new Pong(UdpFixtures.PEER)));
        DatagramPacket out = channel.readOutbound();
        String reply = new String(ByteBufUtil.getBytes(out.content()), StandardCharsets.ISO_8859_1);
        out.release();
        assertThat(reply).startsWith("d").contains("1:t2:aa").contains("1:y1:r");
        assertThat(out.recipient().getPort()).isEqualTo(UdpFixtures.PEER.port());
    }

    @Test
    void ourKryoBytesAreAMalformedDropOverKrpc() {
        channel.writeInbound(UdpFixtures.datagram(UdpFixtures.inbound(1, new Ping())));

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(stats.dropped(DropReason.MALFORMED)).isEqualTo(1);
    }
}
