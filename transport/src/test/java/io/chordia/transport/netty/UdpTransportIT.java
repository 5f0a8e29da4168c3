package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.DropReason;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits and failure modes of the UDP transport on real loopback sockets. */
class UdpTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int MAX = 300;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private NettyUdpTransport start(TransportConfig config) throws Exception {
        NettyUdpTransport t = NettyUdpTransport.start(config);
        open.add(t);
        return t;
    }

    private static Contact contactOf(NettyUdpTransport t) {
        return new Contact(NodeId.sha1Of(t.localAddress().toString()), t.localAddress());
    }

    /** A Nodes envelope that encodes to exactly {@code size} bytes, using long host names. */
    private static Envelope envelopeOfSize(int size, Contact sender, Address to) {
        KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
        List<Contact> contacts = new ArrayList<>();
        Envelope e = new Envelope(1, sender, to, new Nodes(contacts));
        while (codec.encodedSize(e) < size) {
            int room = size - codec.encodedSize(e) - (NodeId.BYTES + 4); // id, kind, length, port
            contacts.add(new Contact(NodeId.ZERO, new Address("h".repeat(Math.min(Address.MAX_HOST_LENGTH, room)), 1)));
            e = new Envelope(1, sender, to, new Nodes(contacts));
        }
        assertThat(codec.encodedSize(e)).isEqualTo(size);
        return e;
    }

    @Test
    void aDatagramOfExactlyTheMaximumPassesAndOneByteMoreIsDroppedOnSend() throws Exception {
        NettyUdpTransport a = start(TransportConfig.loopback().withMaxDatagramBytes(MAX));
        NettyUdpTransport b = start(TransportConfig.loopback().withMaxDatagramBytes(MAX));
        ConcurrentLinkedQueue<Envelope> inbox = new ConcurrentLinkedQueue<>();
        b.onReceive((envelope, source) -> inbox.add(envelope));

        Envelope fits = envelopeOfSize(MAX, contactOf(a), b.localAddress());
        Envelope tooBig = envelopeOfSize(MAX + 1, contactOf(a), b.localAddress());
        a.scheduler().execute(() -> {
            a.send(tooBig);
            a.send(fits);
        });
        Polling.await(() -> !inbox.isEmpty(), WAIT);

        assertThat(inbox.poll()).isEqualTo(fits);
        assertThat(a.stats().dropped(DropReason.OVERSIZE)).isEqualTo(1);
        assertThat(a.stats().sent()).isEqualTo(1);
        assertThat(a.stats().sentBytes()).isEqualTo(MAX);
    }

    @ParameterizedTest(name = "epoll: {0}")
    @ValueSource(booleans = {true, false})
    void anInboundDatagramOverTheMaximumIsCountedOversizeNotTruncated(boolean epoll) throws Exception {
        // recvmmsg (epoll) and plain receive (NIO) truncate differently; both must see max + 1 bytes.
        EventLoopGroup group = epoll ? NettyEventLoops.newGroup(1, "oversize") : new NioEventLoopGroup(1);
        open.add(() -> group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly());
        NettyUdpTransport b = NettyUdpTransport.start(TransportConfig.loopback().withMaxDatagramBytes(MAX), group);
        open.add(0, b);
        ConcurrentLinkedQueue<Envelope> inbox = new ConcurrentLinkedQueue<>();
        b.onReceive((envelope, source) -> inbox.add(envelope));
        KryoWireCodec roomy = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", b.localAddress().port());

        try (DatagramChannel raw = DatagramChannel.open()) {
            raw.bind(new InetSocketAddress("127.0.0.1", 0));
            Contact sender = new Contact(NodeId.ZERO, new Address("127.0.0.1", ((InetSocketAddress) raw.getLocalAddress()).getPort()));
            // Valid envelopes one byte and far over the limit: truncating either to MAX would not make it valid,
            // but a receiver that truncated silently would count them MALFORMED, not OVERSIZE.
            raw.send(ByteBuffer.wrap(roomy.encode(envelopeOfSize(MAX + 1, sender, b.localAddress()))), target);
            raw.send(ByteBuffer.wrap(roomy.encode(envelopeOfSize(5000, sender, b.localAddress()))), target);
            raw.send(ByteBuffer.wrap(roomy.encode(envelopeOfSize(MAX, sender, b.localAddress()))), target);
        }
        Polling.await(() -> b.stats().received() + b.stats().droppedTotal() >= 3, WAIT);

        assertThat(b.stats().dropped(DropReason.OVERSIZE)).isEqualTo(2);
        assertThat(b.stats().dropped(DropReason.MALFORMED)).isZero();
        assertThat(b.stats().received()).isEqualTo(1);
        assertThat(inbox).hasSize(1);
    }

    @Test
    void aPortInUseFailsAtStartSayingWhichPort() throws Exception {
        NettyUdpTransport first = start(TransportConfig.loopback());
        int port = first.localAddress().port();

        assertThatThrownBy(() -> start(TransportConfig.loopback().withPort(port)))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("port " + port + " is in use");
    }

    @Test
    void anUnknownBindHostFailsAtStart() {
        assertThatThrownBy(() -> start(TransportConfig.loopback().withBindHost("no-such-host.invalid")))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void closingReleasesThePortAndLaterSendsAreCountedSenderDown() throws Exception {
        NettyUdpTransport a = NettyUdpTransport.start(TransportConfig.loopback());
        int port = a.localAddress().port();
        a.close();
        a.close();

        a.send(new Envelope(1, contactOf(a), new Address("127.0.0.1", 9), new Ping()));
        NettyUdpTransport again = start(TransportConfig.loopback().withPort(port));

        assertThat(a.stats().dropped(DropReason.SENDER_DOWN)).isEqualTo(1);
        assertThat(again.localAddress().port()).isEqualTo(port);
    }
}
