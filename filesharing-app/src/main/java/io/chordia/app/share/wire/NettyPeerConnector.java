package io.chordia.app.share.wire;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.swarm.PeerConnector;
import io.chordia.app.share.swarm.PeerLink;
import io.chordia.app.share.swarm.PeerLinkEvents;
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
import java.util.concurrent.RejectedExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The swarm's links over TCP. Every link of one fetch is registered on one event loop, the fetch's
 * node thread, so its events need no thread hop and the fetch's state no locks.
 */
public final class NettyPeerConnector implements PeerConnector {
    private static final Logger LOG = LogManager.getLogger();

    private final EventLoop loop;
    private final Duration connectTimeout;

    public NettyPeerConnector(EventLoop loop, Duration connectTimeout) {
        this.loop = loop;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public PeerLink connect(Address peer, ContentId content, Purpose purpose, PeerLinkEvents events) {
        ChannelFuture f = new Bootstrap()
                .group(loop)
                .channel(ShareChannels.socketType(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
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
        Channel ch = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("cannot connect to {}: {}", peer, done.cause() == null ? "?" : done.cause().toString());
                return; // onClosed follows (or the channel never became active)
            }
            events.onRequestLimit(ShareProtocol.QUEUED_REQUESTS);
            ch.writeAndFlush(idFrame(ch, purpose == Purpose.MANIFEST ? WireFormat.GET_MANIFEST : WireFormat.OPEN, content));
        });
        // A failed connect may never fire channelInactive: make sure the swarm hears of the close.
        ch.closeFuture().addListener(x -> {
            try {
                loop.execute(events::onClosed);
            } catch (RejectedExecutionException e) {
                // the service is shutting down: its fetches go with it
            }
        });
        return new NettyPeerLink(ch);
    }

    private static ByteBuf idFrame(Channel ch, byte type, ContentId id) {
        return ch.alloc().buffer(WireFormat.HEADER_BYTES + WireFormat.ID_BYTES)
                .writeByte(type).writeInt(WireFormat.ID_BYTES).writeBytes(id.toBytes());
    }

    /** Requests and cancels are written without a flush; {@link #flush} sends a burst in one syscall. */
    private record NettyPeerLink(Channel ch) implements PeerLink {
        @Override
        public void requestBlock(int piece, int offset, int length) {
            ch.write(blockFrame(WireFormat.REQUEST, piece, offset, length), ch.voidPromise());
        }

        @Override
        public void cancel(int piece, int offset, int length) {
            ch.write(blockFrame(WireFormat.CANCEL, piece, offset, length), ch.voidPromise());
        }

        @Override
        public void interested(boolean yes) {
            // A partial seeder unchokes only the interested; a complete one serves by upload slot and ignores it.
            ch.writeAndFlush(ch.alloc().buffer(WireFormat.HEADER_BYTES)
                    .writeByte(yes ? WireFormat.INTERESTED : WireFormat.NOT_INTERESTED).writeInt(0), ch.voidPromise());
        }

        @Override
        public void flush() {
            ch.flush();
        }

        @Override
        public void close() {
            ch.close();
        }

        private ByteBuf blockFrame(byte type, int piece, int offset, int length) {
            return ch.alloc().buffer(WireFormat.HEADER_BYTES + 12)
                    .writeByte(type).writeInt(12).writeInt(piece).writeInt(offset).writeInt(length);
        }
    }
}
