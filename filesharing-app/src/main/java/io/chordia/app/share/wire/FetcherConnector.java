package io.chordia.app.share.wire;

import io.chordia.app.share.ContentId;
import io.chordia.core.net.Address;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Opens fetcher connections and writes the fetcher's frames. */
public final class FetcherConnector {
    private FetcherConnector() {}

    /**
     * Connects to {@code peer} on {@code loop}: every connection of one fetch shares one loop, so the
     * fetch's state needs no locks. Events arrive on that loop.
     */
    public static ChannelFuture connect(EventLoop loop, Address peer, Duration timeout, PeerEvents events) {
        return new Bootstrap()
                .group(loop)
                .channel(ShareChannels.socketType(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                // Large reads: fewer syscalls per MB; each read is copied out into piece buffers at once.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(4096, 64 * 1024, 256 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FetcherHandler(events));
                    }
                })
                .connect(new InetSocketAddress(peer.host(), peer.port()));
    }

    public static void getManifest(Channel ch, ContentId id) {
        ch.writeAndFlush(idFrame(ch, WireFormat.GET_MANIFEST, id));
    }

    public static void open(Channel ch, ContentId id) {
        ch.writeAndFlush(idFrame(ch, WireFormat.OPEN, id));
    }

    /** Writes a block request without flushing. */
    public static void request(Channel ch, int piece, int offset, int length) {
        ch.write(blockFrame(ch, WireFormat.REQUEST, piece, offset, length), ch.voidPromise());
    }

    /** Writes a cancel without flushing. */
    public static void cancel(Channel ch, int piece, int offset, int length) {
        ch.write(blockFrame(ch, WireFormat.CANCEL, piece, offset, length), ch.voidPromise());
    }

    private static ByteBuf idFrame(Channel ch, byte type, ContentId id) {
        return ch.alloc().buffer(WireFormat.HEADER_BYTES + WireFormat.ID_BYTES)
                .writeByte(type).writeInt(WireFormat.ID_BYTES).writeBytes(id.toBytes());
    }

    private static ByteBuf blockFrame(Channel ch, byte type, int piece, int offset, int length) {
        return ch.alloc().buffer(WireFormat.HEADER_BYTES + 12)
                .writeByte(type).writeInt(12).writeInt(piece).writeInt(offset).writeInt(length);
    }
}
