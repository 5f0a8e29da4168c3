package io.chordia.transport.netty;

import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A {@link FrameChannel} over one Netty TCP channel whose pipeline does the length-prefix framing.
 * Reading starts when the frame handler is set, so no frame arrives before someone can take it
 * (and a peer cannot fill our memory before then: TCP flow control holds it back).
 *
 * <p>Closes with a cause, passed to the close handler: an inbound frame over the maximum
 * ({@link TooLongFrameException}, counted OVERSIZE), no traffic for the idle timeout
 * ({@link SocketTimeoutException}), a socket error, or a frame handler that threw.
 */
final class NettyFrameChannel implements FrameChannel {
    private static final Logger LOG = LogManager.getLogger();

    private final Channel channel;
    private final int maxFrameBytes;
    private final Duration idleTimeout;
    private final TransportStats stats;
    /** Known once connected: a client's channel is built before it connects. */
    private volatile Address remote;
    private volatile Consumer<Bytes> frameHandler;
    private volatile Consumer<Throwable> closeHandler;
    private volatile Throwable closeCause;
    /** The close handler already told; touched only on the event loop. */
    private Consumer<Throwable> toldOfClose;

    NettyFrameChannel(Channel channel, int maxFrameBytes, Duration idleTimeout, TransportStats stats) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.idleTimeout = idleTimeout;
        this.stats = stats;
    }

    /** The handler to put at the end of this channel's pipeline. */
    ChannelInboundHandlerAdapter inboundHandler() {
        return new Inbound();
    }

    @Override
    public Address remoteAddress() {
        Address r = remote;
        if (r == null && channel.remoteAddress() instanceof InetSocketAddress socket) {
            r = SocketAddresses.toAddress(socket);
            remote = r;
        }
        return r;
    }

    @Override
    public CompletableFuture<Void> send(Bytes frame) {
        Checks.notNull(frame, "frame");
        if (frame.length() > maxFrameBytes) {
            stats.recordDropped(DropReason.OVERSIZE);
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "frame of " + frame.length() + " bytes, at most " + maxFrameBytes));
        }
        if (!channel.isActive()) {
            stats.recordDropped(DropReason.SENDER_DOWN);
            return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        ByteBuf buf = channel.alloc().ioBuffer(frame.length());
        try {
            frame.writeTo(new ByteBufOutputStream(buf));
        } catch (IOException e) {
            buf.release();
            return CompletableFuture.failedFuture(e); // ByteBufOutputStream does not throw; kept honest anyway
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        int length = frame.length();
        channel.writeAndFlush(buf).addListener(f -> {
            if (f.isSuccess()) {
                stats.recordSent(length);
                written.complete(null);
            } else {
                stats.recordDropped(DropReason.SEND_FAILED);
                Throwable cause = f.cause();
                written.completeExceptionally(cause instanceof IOException ? cause : new IOException(cause));
            }
        });
        return written;
    }

    @Override
    public void onFrame(Consumer<Bytes> handler) {
        frameHandler = Checks.notNull(handler, "handler");
        channel.config().setAutoRead(true);
    }

    @Override
    public void onClose(Consumer<Throwable> handler) {
        closeHandler = Checks.notNull(handler, "handler");
        if (!channel.isActive() && channel.closeFuture().isDone()) {
            channel.eventLoop().execute(this::reportClose);
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "FrameChannel[" + remoteAddress() + (isOpen() ? "" : ", closed") + "]";
    }

    private void closeWith(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        channel.close();
    }

    /** Runs on the event loop once the channel is inactive; tells each close handler once. */
    private void reportClose() {
        Consumer<Throwable> h = closeHandler;
        if (h == null || toldOfClose == h) {
            return;
        }
        toldOfClose = h;
        try {
            h.accept(closeCause);
        } catch (RuntimeException e) {
            LOG.warn("close handler of {} failed", this, e);
        }
    }

    private final class Inbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            Bytes bytes;
            try {
                bytes = Bytes.wrapOwned(ByteBufUtil.getBytes(frame));
            } finally {
                frame.release();
            }
            stats.recordReceived(bytes.length());
            Consumer<Bytes> h = frameHandler;
            try {
                h.accept(bytes);
            } catch (RuntimeException e) {
                LOG.debug("frame handler of {} failed, closing: {}", NettyFrameChannel.this, e.toString());
                closeWith(e);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                LOG.debug("closing {}: idle for {}", NettyFrameChannel.this, idleTimeout);
                closeWith(new SocketTimeoutException("no traffic for " + idleTimeout));
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                stats.recordDropped(DropReason.OVERSIZE);
            } else if (!(cause instanceof IOException)) {
                stats.recordDropped(DropReason.MALFORMED); // a negative length prefix, say
            }
            LOG.debug("closing {}: {}", NettyFrameChannel.this, cause.toString());
            closeWith(cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reportClose();
            ctx.fireChannelInactive();
        }
    }
}
