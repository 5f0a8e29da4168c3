package io.chordia.app.share.wire;

import io.chordia.transport.netty.PortProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * File transfer on a shared TCP port, in two wire protocols: ours ({@link #frames}: a connection
 * whose first frame is GET_MANIFEST or OPEN, type 0x01 or 0x02 then a body length of 20, gets a
 * {@link SeederHandler}) and BitTorrent's ({@link #bitTorrent}: the handshake's first byte 19
 * gets a {@link BitTorrentSeederHandler}). Uploads run on the share service's own event loops,
 * not the node thread that accepted the connection: the channel is moved there before anything
 * is served, so sendfile traffic never delays the DHT.
 */
public final class ShareProtocol implements PortProtocol {
    /** Bytes an upload connection buffers before it stops reading requests until the socket drains. */
    static final int SEND_BUFFER_HIGH = 4 << 20;
    /**
     * Block requests our seeder has answered into its send buffer when it stops reading: more in
     * flight only wait in the socket, so a fetcher's window on our own protocol goes no higher.
     */
    static final int QUEUED_REQUESTS = SEND_BUFFER_HIGH / WireFormat.BLOCK_SIZE;

    private static final MessageSizeEstimator REGION_AWARE_SIZES = () -> msg -> {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof FileRegion r) {
            return (int) Math.min(Integer.MAX_VALUE, r.count());
        }
        return 8;
    };

    private final EventLoopGroup group;
    private final Function<ByteBuf, Verdict> recognizer;
    private final Supplier<ChannelHandler> handlers;
    private final Duration idleTimeout;
    private final ChannelGroup connections = new DefaultChannelGroup("share-uploads", GlobalEventExecutor.INSTANCE);

    private ShareProtocol(EventLoopGroup group, Function<ByteBuf, Verdict> recognizer, Supplier<ChannelHandler> handlers,
                          Duration idleTimeout) {
        this.group = group;
        this.recognizer = recognizer;
        this.handlers = handlers;
        this.idleTimeout = idleTimeout;
    }

    /** Our own frames, served from {@code catalog} on {@code group}'s loops. */
    public static ShareProtocol frames(EventLoopGroup group, ContentCatalog catalog, UploadSlots slots, WireStats stats,
                                       Duration idleTimeout) {
        return new ShareProtocol(group, ShareProtocol::framesPreface, () -> new SeederHandler(catalog, slots, stats),
                idleTimeout);
    }

    /** BitTorrent's peer wire, served by {@code seeding} on {@code group}'s loops. */
    public static ShareProtocol bitTorrent(EventLoopGroup group, BitTorrentSeeding seeding, Duration idleTimeout) {
        return new ShareProtocol(group, first -> BitTorrentSeeding.matches(first) ? Verdict.YES : Verdict.NO,
                seeding::handler, idleTimeout);
    }

    @Override
    public Verdict recognize(ByteBuf first) {
        return recognizer.apply(first);
    }

    /** A new connection's handler, as {@link #install} adds it. */
    ChannelHandler handler() {
        return handlers.get();
    }

    private static Verdict framesPreface(ByteBuf first) {
        int at = first.readerIndex();
        byte type = first.getByte(at);
        if (type != WireFormat.GET_MANIFEST && type != WireFormat.OPEN) {
            return Verdict.NO;
        }
        if (first.readableBytes() < WireFormat.HEADER_BYTES) {
            return Verdict.MORE;
        }
        return first.getUnsignedInt(at + 1) == WireFormat.ID_BYTES ? Verdict.YES : Verdict.NO;
    }

    @Override
    public void install(Channel ch, ByteBuf firstBytes) {
        if (owns(ch.eventLoop())) {
            serve(ch, firstBytes);
            return;
        }
        EventLoop target = group.next();
        ch.deregister().addListener(off -> {
            if (!off.isSuccess()) {
                firstBytes.release();
                ch.close();
                return;
            }
            target.register(ch).addListener(on -> {
                if (on.isSuccess()) {
                    serve(ch, firstBytes);
                } else {
                    firstBytes.release();
                    ch.unsafe().closeForcibly();
                }
            });
        });
    }

    private boolean owns(EventLoop loop) {
        for (EventExecutor e : group) {
            if (e == loop) {
                return true;
            }
        }
        return false;
    }

    /** On one of the share loops. */
    private void serve(Channel ch, ByteBuf firstBytes) {
        if (!ch.isActive()) {
            firstBytes.release();
            return;
        }
        connections.add(ch);
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, SEND_BUFFER_HIGH));
        // Netty sizes a FileRegion as 0 bytes: count its length, or queued blocks would never stop reading.
        ch.config().setOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, REGION_AWARE_SIZES);
        ch.pipeline().addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS) {
            @Override
            protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
                ctx.close();
            }
        });
        ch.pipeline().addLast(handlers.get());
        ch.config().setAutoRead(true); // before the first burst: its handler may turn reading off when the socket is full
        ch.pipeline().fireChannelRead(firstBytes);
        ch.pipeline().fireChannelReadComplete();
    }

    /** Closes every upload connection; new ones are the port's to refuse once this protocol is removed from it. */
    public void closeConnections() {
        connections.close().syncUninterruptibly();
    }
}
