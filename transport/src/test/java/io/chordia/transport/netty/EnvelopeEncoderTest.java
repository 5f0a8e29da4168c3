package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeEncoderTest {
    private final KryoWireCodec codec = new KryoWireCodec(UdpFixtures.MAX);
    private final TransportStats stats = new TransportStats();
    private final EmbeddedChannel channel = new EmbeddedChannel(new EnvelopeEncoder(codec, stats));

    private static Envelope to(Address recipient, io.chordia.core.message.Message body) {
        return new Envelope(3, UdpFixtures.LOCAL_CONTACT, recipient, body);
    }

    @Test
    void encodesAnEnvelopeIntoADirectDatagramToItsRecipient() {
        Envelope envelope = to(UdpFixtures.PEER, new Pong(UdpFixtures.PEER));

        channel.writeOutbound(envelope);

        DatagramPacket packet = channel.readOutbound();
        try {
            assertThat(packet.recipient()).isEqualTo(UdpFixtures.PEER_SOCKET);
            assertThat(packet.content().isDirect()).isTrue();
            assertThat(ByteBufUtil.getBytes(packet.content())).isEqualTo(codec.encode(envelope));
            assertThat(stats.sent()).isEqualTo(1);
            assertThat(stats.sentBytes()).isEqualTo(packet.content().readableBytes());
        } finally {
            packet.release();
        }
    }

    @Test
    void sendsToIpv6Literals() {
        channel.writeOutbound(to(new Address("::1", 4000), new Pong(UdpFixtures.PEER)));

        DatagramPacket packet = channel.readOutbound();
        assertThat(packet.recipient()).isEqualTo(new InetSocketAddress("::1", 4000));
        packet.release();
    }

    @Test
    void anEnvelopeOverTheMaximumIsDroppedAsOversizeAndNotWritten() {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < MessageLimits.MAX_CONTACTS; i++) {
            contacts.add(new Contact(NodeId.ZERO, new Address("2001:db8:ffff:ffff:ffff:ffff:ffff:" + i, 4000)));
        }

        ChannelFuture write = channel.writeOneOutbound(to(UdpFixtures.PEER, new Nodes(contacts)));
        channel.flushOutbound();

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(stats.dropped(DropReason.OVERSIZE)).isEqualTo(1);
        assertThat(stats.sent()).isZero();
        assertThat(write.cause()).hasMessageContaining("OVERSIZE");
    }

    @Test
    void aRecipientThatIsNotAnIpLiteralIsUnresolvedAndNeverLookedUp() {
        ChannelFuture write = channel.writeOneOutbound(to(new Address("peer.example.org", 4000), new Pong(UdpFixtures.PEER)));
        channel.flushOutbound();

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(stats.dropped(DropReason.UNRESOLVED)).isEqualTo(1);
        assertThat(write.cause()).hasMessageContaining("UNRESOLVED");
    }
}
