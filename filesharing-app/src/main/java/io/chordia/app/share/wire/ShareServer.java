package io.chordia.app.share.wire;

import io.chordia.core.net.Address;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The listening socket of a peer's file sharing: one {@link SeederHandler} per accepted connection,
 * or a {@link BitTorrentSeederHandler} when the connection opens with BitTorrent's handshake.
 */
public final class ShareServer implements AutoCloseable {
    private static final MessageSizeEstimator REGION_AWARE_SIZES = () -> msg -> {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof FileRegion r) {
            return (int) Math.min(Integer.MAX_VALUE, r.count());
        }
        return 8;
    };

    private final Channel channel;
    private final Address address;
    private final ChannelGroup connections;

    private ShareServer(Channel channel, Address address, ChannelGroup connections) {
        this.channel = channel;
        this.address = address;
        this.connections = connections;
    }

    /**
     * Binds {@code host} (an IP literal) and {@code port} (0 picks one) on {@code group}; blocks until bound.
     *
     * @throws java.io.IOException when the port is taken or the address is not local
     */
    public static ShareServer bind(String host, int port, EventLoopGroup group, ContentCatalog catalog, UploadSlots slots,
                                   WireStats stats, Duration idleTimeout) throws java.io.IOException {
        ChannelGroup connections = new DefaultChannelGroup("share-uploads", GlobalEventExecutor.INSTANCE);
        BitTorrentSeeding bitTorrent = new BitTorrentSeeding(catalog, slots, stats);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(ShareChannels.serverType(group))
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                // Netty sizes a FileRegion as 0 bytes: count its length, or queued blocks would never stop reading.
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, REGION_AWARE_SIZES)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS) {
                            @Override
                            protected void channelIdle(io.netty.channel.ChannelHandlerContext ctx,
                                                       io.netty.handler.timeout.IdleStateEvent evt) {
                                ctx.close();
                            }
                        });
                        ch.pipeline().addLast(new FirstByteSniffer(bitTorrent, () -> new SeederHandler(catalog, slots, stats)));
                    }
                });
        try {
            Channel ch = b.bind(new InetSocketAddress(host, port)).sync().channel();
            InetSocketAddress local = (InetSocketAddress) ch.localAddress();
            return new ShareServer(ch, new Address(host, local.getPort()), connections);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while binding " + host + ":" + port);
        } catch (Exception e) {
            throw new java.io.IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Where peers reach this server. */
    public Address address() {
        return address;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
    }
}
