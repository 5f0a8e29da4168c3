package io.chordia.transport.netty;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.InboundHandler;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.BindException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A peer's {@link Transport}: envelopes that fit in a datagram go over UDP, larger ones (values up
 * to 64 KiB) as one frame over a TCP connection to the same port number. Protocol code cannot tell
 * the difference, so the simulator, which has no datagram limit, runs the same node code.
 *
 * <p>Threading: the UDP channel, the TCP listener and every TCP connection share one event loop,
 * the node thread; all state here is confined to it. {@link #send} from another thread hops there.
 *
 * <p>Bounds: at most {@link #MAX_OUTBOUND} outbound connections (the least recently used is
 * closed), {@link #MAX_INBOUND} inbound ones (more are refused and counted), {@link #MAX_QUEUED}
 * envelopes waiting on a connect, and frames of at most {@link #MAX_FRAME_BYTES}; anything beyond is
 * dropped and counted, like a lost datagram. Counters: {@link #stats()} counts both paths.
 *
 * <p>The source of an envelope that arrived over TCP is reported as the connection's IP with the
 * sender's advertised port: the IP is authenticated by the TCP handshake (so write tokens, bound
 * to the source, work for large stores), the port is the one the peer's datagrams come from.
 */
public final class NettyPeerTransport implements Transport {
    private static final Logger LOG = LogManager.getLogger();
    static final int MAX_OUTBOUND = 64;
    static final int MAX_INBOUND = 256;
    static final int MAX_QUEUED = 32;
    /** The largest value plus room for the envelope around it, well under the generic frame limit. */
    static final int MAX_FRAME_BYTES = KryoWireCodec.MAX_FRAME_BYTES;
    private static final int BIND_ATTEMPTS = 8;

    private final NettyUdpTransport udp;
    private final NettyTcpStreamTransport tcp;
    private final EventLoop loop;
    private final KryoWireCodec frameCodec = new KryoWireCodec(MAX_FRAME_BYTES);
    private final TransportStats stats;
    private final Map<Address, Connection> outbound = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<FrameChannel> inbound = new HashSet<>();
    /** Inbound connections by the source they reported, so a large reply goes back the same way. */
    private final Map<Address, FrameChannel> inboundBySource = new HashMap<>();
    private volatile InboundHandler handler;
    private volatile boolean closed;

    private NettyPeerTransport(NettyUdpTransport udp, NettyTcpStreamTransport tcp) {
        this.udp = udp;
        this.tcp = tcp;
        this.loop = udp.eventLoop();
        this.stats = udp.stats();
        tcp.onAccept(this::accepted);
    }

    /**
     * Binds UDP and TCP on the same port, on one loop of {@code group} (which the caller owns).
     * With port 0 the UDP port is chosen by the system and TCP takes the same number, retrying
     * with another port if TCP's is taken.
     *
     * @throws BindException if the port is in use for UDP or TCP (the message says which)
     */
    public static NettyPeerTransport start(TransportConfig config, EventLoopGroup group) throws IOException {
        Checks.notNull(config, "config");
        EventLoop loop = Checks.notNull(group, "group").next();
        Holder holder = new Holder();
        for (int attempt = 1; ; attempt++) {
            NettyUdpTransport udp = NettyUdpTransport.start(config, loop, envelope -> holder.transport.sendStream(envelope));
            TransportConfig sameport = config.withPort(udp.localAddress().port())
                    .withMaxFrameBytes(Math.min(config.maxFrameBytes(), MAX_FRAME_BYTES));
            try {
                NettyTcpStreamTransport tcp = NettyTcpStreamTransport.start(sameport, loop);
                holder.transport = new NettyPeerTransport(udp, tcp);
                return holder.transport;
            } catch (BindException e) {
                udp.close();
                if (config.port() != 0 || attempt == BIND_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                udp.close();
                throw e;
            }
        }
    }

    /** Lets the UDP encoder reach the transport built after it. */
    private static final class Holder {
        NettyPeerTransport transport;
    }

    /** The node executor: the event loop everything here runs on. */
    public EventLoopScheduler scheduler() {
        return udp.scheduler();
    }

    @Override
    public void send(Envelope envelope) {
        udp.send(envelope); // the UDP encoder hands envelopes too large for a datagram to sendStream
    }

    @Override
    public void onReceive(InboundHandler handler) {
        this.handler = Checks.notNull(handler, "handler");
        udp.onReceive(handler);
    }

    @Override
    public Address localAddress() {
        return udp.localAddress();
    }

    @Override
    public TransportStats stats() {
        return stats;
    }

    /**
     * What the node's TCP port serves: the DHT's frames, and any protocol added here (file
     * transfer, say), each told apart by its first bytes.
     */
    public PortProtocols portProtocols() {
        return tcp.protocols();
    }

    /** TCP connections open now, outbound and inbound. */
    public int openConnections() {
        return outbound.size() + inbound.size();
    }

    /** On the loop: one envelope too large for a datagram. */
    private void sendStream(Envelope envelope) {
        if (closed) {
            stats.recordDropped(DropReason.SENDER_DOWN);
            return;
        }
        byte[] frame;
        try {
            frame = frameCodec.encode(envelope);
        } catch (IllegalArgumentException e) {
            drop(DropReason.OVERSIZE, envelope, e.getMessage());
            return;
        }
        Address to = envelope.recipient();
        FrameChannel back = inboundBySource.get(to);
        if (back != null && back.isOpen() && !outbound.containsKey(to)) {
            writeFrame(back, Bytes.wrapOwned(frame));
            return;
        }
        Connection connection = outbound.get(to);
        if (connection == null || connection.failed) {
            connection = connect(to);
        }
        connection.send(Bytes.wrapOwned(frame), envelope);
    }

    private Connection connect(Address to) {
        if (outbound.size() >= MAX_OUTBOUND) {
            var eldest = outbound.entrySet().iterator().next();
            outbound.remove(eldest.getKey());
            eldest.getValue().close();
        }
        Connection connection = new Connection(to);
        outbound.put(to, connection);
        tcp.connect(to).whenComplete((channel, error) -> loop.execute(() -> connection.connected(channel, error)));
        return connection;
    }

    private void accepted(FrameChannel channel) {
        if (closed || inbound.size() >= MAX_INBOUND) {
            stats.recordDropped(DropReason.OVERLOADED);
            channel.close();
            return;
        }
        inbound.add(channel);
        channel.onClose(cause -> {
            inbound.remove(channel);
            inboundBySource.values().remove(channel);
        });
        channel.onFrame(frame -> deliver(frame, channel));
    }

    /** On the loop: a frame from a connection, in either direction. */
    private void deliver(Bytes frame, FrameChannel channel) {
        Envelope envelope;
        stats.recordReceived(frame.length());
        try {
            byte[] bytes = frame.toArray();
            envelope = frameCodec.decode(bytes, 0, bytes.length, localAddress());
        } catch (MalformedMessageException e) {
            stats.recordDropped(DropReason.MALFORMED);
            LOG.debug("closing {}: malformed frame: {}", channel, e.getMessage());
            channel.close(); // a peer that sends garbage on a stream has nothing else worth reading
            return;
        }
        InboundHandler h = handler;
        if (h == null || closed) {
            stats.recordDropped(DropReason.NO_HANDLER);
            return;
        }
        Address source = new Address(channel.remoteAddress().host(), envelope.sender().address().port());
        if (inbound.contains(channel) && inboundBySource.get(source) != channel) {
            inboundBySource.values().remove(channel); // one source per channel keeps the map within MAX_INBOUND
            inboundBySource.put(source, channel);
        }
        try {
            h.onEnvelope(envelope, source);
        } catch (RuntimeException e) {
            LOG.warn("inbound handler failed on {} from {}", envelope, source, e);
        }
    }

    private void writeFrame(FrameChannel channel, Bytes frame) {
        stats.recordSent(frame.length());
        channel.send(frame).whenComplete((ok, error) -> {
            if (error != null) {
                stats.recordDropped(DropReason.SEND_FAILED);
            }
        });
    }

    private void drop(DropReason reason, Envelope envelope, String why) {
        stats.recordDropped(reason);
        LOG.debug("dropped {}: {}: {}", envelope, reason, why);
    }

    /** Closes the TCP connections and listener, then the UDP socket; waits unless on the loop. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        handler = null;
        tcp.close();
        udp.close();
    }

    @Override
    public String toString() {
        return "NettyPeerTransport[" + localAddress() + ", " + stats + "]";
    }

    /** One outbound connection and the frames that wait for it to open. Confined to the loop. */
    private final class Connection {
        private final Address remote;
        private final ArrayDeque<Bytes> queued = new ArrayDeque<>();
        private FrameChannel channel;
        private boolean failed;

        Connection(Address remote) {
            this.remote = remote;
        }

        void send(Bytes frame, Envelope envelope) {
            if (channel != null) {
                write(frame);
            } else if (queued.size() < MAX_QUEUED) {
                queued.add(frame);
            } else {
                drop(DropReason.OVERLOADED, envelope, "too many frames waiting for a connection to " + remote);
            }
        }

        void connected(FrameChannel opened, Throwable error) {
            if (error != null || closed || outbound.get(remote) != this) {
                if (opened != null) {
                    opened.close();
                }
                failed = true;
                outbound.remove(remote, this);
                for (int i = queued.size(); i > 0; i--) {
                    stats.recordDropped(DropReason.SEND_FAILED);
                }
                queued.clear();
                if (error != null) {
                    LOG.debug("cannot connect to {}: {}", remote, error.toString());
                }
                return;
            }
            channel = opened;
            // Replies to what we send usually come back as datagrams, but a large reply uses this connection.
            opened.onFrame(frame -> deliver(frame, opened));
            opened.onClose(cause -> {
                failed = true;
                outbound.remove(remote, this);
            });
            while (!queued.isEmpty()) {
                write(queued.poll());
            }
        }

        private void write(Bytes frame) {
            writeFrame(channel, frame);
        }

        void close() {
            failed = true;
            queued.clear();
            if (channel != null) {
                channel.close();
            }
        }
    }
}
