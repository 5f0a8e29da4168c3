package io.chordia.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The first handler of an accepted connection: reads until one of the port's protocols recognises
 * the bytes, then removes itself and hands the connection and the bytes read to that protocol.
 * Holds at most what the socket delivered while fewer than {@link PortProtocols#MAX_PREFACE_BYTES}
 * bytes were in; a peer that says nothing for {@code timeout} is closed.
 */
final class ProtocolSniffer extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();

    private final PortProtocols protocols;
    private final Duration timeout;
    private ByteBuf received;
    private ScheduledFuture<?> deadline;

    ProtocolSniffer(PortProtocols protocols, Duration timeout) {
        this.protocols = protocols;
        this.timeout = timeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            LOG.debug("closing {}: no protocol preface within {}", ctx.channel(), timeout);
            refuse(ctx);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (received == null) {
            received = in;
        } else {
            ByteBuf both = ctx.alloc().buffer(received.readableBytes() + in.readableBytes());
            both.writeBytes(received).writeBytes(in);
            received.release();
            in.release();
            received = both;
        }
        boolean undecided = false;
        for (PortProtocol p : protocols.snapshot()) {
            PortProtocol.Verdict v = p.recognize(received);
            if (v == PortProtocol.Verdict.YES) {
                handOver(ctx, p);
                return;
            }
            undecided |= v == PortProtocol.Verdict.MORE;
        }
        if (!undecided || received.readableBytes() >= PortProtocols.MAX_PREFACE_BYTES) {
            LOG.debug("closing {}: no protocol of this port starts with {} bytes received", ctx.channel(),
                    received.readableBytes());
            refuse(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            ctx.read(); // auto-read is off until a protocol takes the connection
        }
    }

    private void handOver(ChannelHandlerContext ctx, PortProtocol protocol) {
        deadline.cancel(false);
        ByteBuf bytes = received;
        received = null;
        ctx.pipeline().remove(this);
        protocol.install(ctx.channel(), bytes);
    }

    private void refuse(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            protocols.countUnrecognized();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void release() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (received != null) {
            received.release();
            received = null;
        }
    }
}
