package io.chordia.transport.netty;

import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.StreamTransport;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.util.Checks;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Framed TCP streams for bulk data, on a {@link PortListener} whose port other protocols can share
 * ({@link #protocols()}): an inbound connection is accepted (the accept handler called) once its
 * first bytes show it carries frames, and one that sends nothing for the idle timeout is closed
 * unseen. Each frame is a 4-byte big-endian length and that many bytes,
 * at most {@link TransportConfig#maxFrameBytes()}: a larger inbound frame closes the channel as
 * soon as its length is read (and counts OVERSIZE), a larger outbound one fails its send future
 * with {@link IllegalArgumentException}. A channel with no reads or writes for
 * {@link TransportConfig#idleTimeout()} is closed.
 *
 * <p>Threading: each channel's handlers run on its event loop. Connect and accept handlers are
 * called there too. Remote addresses must be IP literals. {@link #stats()} counts frames.
 */
public final class NettyTcpStreamTransport implements StreamTransport {
    private static final Logger LOG = LogManager.getLogger();
    private static final int LENGTH_PREFIX_BYTES = 4;

    private final TransportConfig config;
    private final EventLoopGroup group;
    private final EventLoopGroup ownedGroup;
    private final TransportStats stats = new TransportStats();
    private final ChannelGroup channels = new DefaultChannelGroup("chordia-tcp", GlobalEventExecutor.INSTANCE);
    private volatile Consumer<FrameChannel> acceptHandler;
    private final PortProtocols protocols = new PortProtocols();
    private PortListener listener;
    private Address localAddress;

    private NettyTcpStreamTransport(TransportConfig config, EventLoopGroup group, EventLoopGroup ownedGroup) {
        this.config = config;
        this.group = group;
        this.ownedGroup = ownedGroup;
    }

    /** Listens with an event loop of its own, shut down by {@link #close()}. */
    public static NettyTcpStreamTransport start(TransportConfig config) throws IOException {
        EventLoopGroup group = NettyEventLoops.newGroup(1, "chordia-tcp");
        NettyTcpStreamTransport t = new NettyTcpStreamTransport(Checks.notNull(config, "config"), group, group);
        try {
            t.listen();
            return t;
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Listens on {@code group}, which the caller owns and shuts down. */
    public static NettyTcpStreamTransport start(TransportConfig config, EventLoopGroup group) throws IOException {
        NettyTcpStreamTransport t = new NettyTcpStreamTransport(Checks.notNull(config, "config"),
                Checks.notNull(group, "group"), null);
        t.listen();
        return t;
    }

    /** The framing, idle and frame-channel handlers of one connection. */
    static void initPipeline(ChannelPipeline pipeline, NettyFrameChannel frames, TransportConfig config) {
        pipeline.addLast(
                new IdleStateHandler(0, 0, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS),
                // The decoder's limit counts the prefix; failFast rejects on reading the length alone.
                new LengthFieldBasedFrameDecoder(config.maxFrameBytes() + LENGTH_PREFIX_BYTES, 0, LENGTH_PREFIX_BYTES,
                        0, LENGTH_PREFIX_BYTES, true),
                new LengthFieldPrepender(LENGTH_PREFIX_BYTES),
                frames.inboundHandler());
    }

    private NettyFrameChannel newFrameChannel(Channel ch) {
        NettyFrameChannel frames = new NettyFrameChannel(ch, config.maxFrameBytes(), config.idleTimeout(), stats);
        initPipeline(ch.pipeline(), frames, config);
        channels.add(ch);
        return frames;
    }

    private void listen() throws IOException {
        protocols.add(new FramesProtocol());
        listener = PortListener.bind(config.bindHost(), config.port(), group, protocols, config.idleTimeout());
        localAddress = listener.localAddress();
    }

    /**
     * This transport's frames on the shared port: a connection whose first byte is 0, the top byte
     * of any length prefix under 16 MiB. The other prefaces start with a nonzero byte (file
     * transfer 0x01/0x02, BitTorrent 19). The frame decoder, not this, enforces the frame limit,
     * so an oversize length is counted as before.
     */
    private final class FramesProtocol implements PortProtocol {
        @Override
        public Verdict recognize(ByteBuf first) {
            return first.getByte(first.readerIndex()) == 0 ? Verdict.YES : Verdict.NO;
        }

        @Override
        public void install(Channel ch, ByteBuf firstBytes) {
            NettyFrameChannel frames = newFrameChannel(ch);
            accepted(frames);
            if (ch.isActive()) {
                ch.pipeline().fireChannelRead(firstBytes);
                ch.pipeline().fireChannelReadComplete();
            } else {
                firstBytes.release();
            }
        }
    }

    private void accepted(NettyFrameChannel frames) {
        Consumer<FrameChannel> h = acceptHandler;
        if (h == null) {
            stats.recordDropped(DropReason.NO_HANDLER);
            frames.close();
            return;
        }
        try {
            h.accept(frames);
        } catch (RuntimeException e) {
            LOG.warn("accept handler failed on {}", frames, e);
            frames.close();
        }
    }

    @Override
    public CompletableFuture<FrameChannel> connect(Address remote) {
        Checks.notNull(remote, "remote");
        InetSocketAddress to = SocketAddresses.toSocketAddress(remote);
        if (to == null) {
            return CompletableFuture.failedFuture(new UnknownHostException(remote.host() + " is not an IP literal"));
        }
        CompletableFuture<FrameChannel> result = new CompletableFuture<>();
        NettyFrameChannel[] frames = new NettyFrameChannel[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyEventLoops.socketChannelType(group))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        frames[0] = newFrameChannel(ch);
                    }
                });
        bootstrap.connect(to).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                result.complete(frames[0]);
            } else {
                Throwable cause = f.cause();
                result.completeExceptionally(cause instanceof IOException ? cause
                        : new IOException("cannot connect to " + remote + ": " + cause, cause));
            }
        });
        return result;
    }

    @Override
    public void onAccept(Consumer<FrameChannel> handler) {
        acceptHandler = Checks.notNull(handler, "handler");
    }

    /**
     * The protocols this transport's port serves, its own frames first: a protocol added here is
     * served on the same port (see {@link PortProtocols}).
     */
    public PortProtocols protocols() {
        return protocols;
    }

    @Override
    public Address localAddress() {
        return localAddress;
    }

    @Override
    public int maxFrameLength() {
        return config.maxFrameBytes();
    }

    /** Frames sent and received; drops by reason (OVERSIZE both ways, NO_HANDLER for unaccepted channels). */
    public TransportStats stats() {
        return stats;
    }

    /** Closes the listener and every open channel, and the event loop if this transport made it. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
