package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;

/** The assembled UDP pipeline: decode, dispatch, reply, encode, and when replies are flushed. */
class UdpPipelineTest {
    private final KryoWireCodec codec = new KryoWireCodec(UdpFixtures.MAX);
    private final TransportStats stats = new TransportStats();
    private final InboundDispatcher dispatcher = new InboundDispatcher(stats);
    private final EmbeddedChannel channel = new EmbeddedChannel();

    UdpPipelineTest() {
        NettyUdpTransport.initPipeline(channel.pipeline(), codec, stats, dispatcher, UdpFixtures.LOCAL);
        // An echo node: every Ping is answered with a Pong to where it came from.
        dispatcher.setHandler((envelope, source) -> channel.writeAndFlush(
                new Envelope(envelope.txId(), UdpFixtures.LOCAL_CONTACT, source, new Pong(source)), channel.voidPromise()));
    }

    @Test
    void repliesToAReadBurstAreFlushedOnceTheBurstEnds() {
        for (int i = 0; i < 10; i++) {
            channel.pipeline().fireChannelRead(UdpFixtures.datagram(UdpFixtures.inbound(i, new Ping())));
        }
        channel.runPendingTasks();
        assertThat(channel.outboundMessages()).as("nothing flushed mid-burst").isEmpty();

        channel.pipeline().fireChannelReadComplete();

        assertThat(channel.outboundMessages()).hasSize(10);
        for (int i = 0; i < 10; i++) {
            DatagramPacket reply = channel.readOutbound();
            try {
                Envelope decoded = codec.decode(reply.content(), UdpFixtures.PEER);
                assertThat(decoded.txId()).isEqualTo(i);
                assertThat(decoded.body()).isEqualTo(new Pong(UdpFixtures.PEER));
                assertThat(reply.recipient()).isEqualTo(UdpFixtures.PEER_SOCKET);
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                reply.release();
            }
        }
        assertThat(stats.received()).isEqualTo(10);
        assertThat(stats.sent()).isEqualTo(10);
    }

    @Test
    void aSendOutsideAReadIsFlushedByTheNextEventLoopTask() {
        channel.writeAndFlush(new Envelope(5, UdpFixtures.LOCAL_CONTACT, UdpFixtures.PEER, new Ping()));
        channel.runPendingTasks();

        DatagramPacket sent = channel.readOutbound();
        assertThat(sent.recipient()).isEqualTo(UdpFixtures.PEER_SOCKET);
        sent.release();
    }

    @Test
    void garbageInAMixedBurstIsCountedAndTheRestIsServed() {
        channel.writeInbound(
                UdpFixtures.datagram(new byte[] {(byte) 0xC0, (byte) 0xDA, 1, 0x10, 0}, UdpFixtures.PEER_SOCKET),
                UdpFixtures.datagram(UdpFixtures.inbound(1, new Ping())),
                UdpFixtures.datagram(new byte[UdpFixtures.MAX + 1], UdpFixtures.PEER_SOCKET));

        channel.checkException();
        assertThat(stats.dropped(DropReason.MALFORMED)).isEqualTo(1);
        assertThat(stats.dropped(DropReason.OVERSIZE)).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(1);
        assertThat(channel.outboundMessages()).hasSize(1);
        ((DatagramPacket) channel.readOutbound()).release();
    }
}
