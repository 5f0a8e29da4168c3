package io.chordia.transport.netty;

import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.InboundHandler;
import io.chordia.core.transport.TransportStats;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Hands decoded envelopes to the node's {@link InboundHandler}, on this channel's event loop,
 * which is the node thread: no hop. Counts an envelope received once the handler has it, or
 * NO_HANDLER when there is none (not yet set, or the transport closed).
 */
final class InboundDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();

    private final TransportStats stats;
    private volatile InboundHandler handler;

    InboundDispatcher(TransportStats stats) {
        this.stats = stats;
    }

    void setHandler(InboundHandler handler) {
        this.handler = handler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InboundEnvelope)) {
            ReferenceCountUtil.release(msg);
            stats.recordDropped(DropReason.MALFORMED);
            return;
        }
        InboundEnvelope in = (InboundEnvelope) msg;
        InboundHandler h = handler;
        if (h == null) {
            stats.recordDropped(DropReason.NO_HANDLER);
            return;
        }
        stats.recordReceived(in.bytes());
        try {
            h.onEnvelope(in.envelope(), in.source());
        } catch (RuntimeException e) {
            LOG.warn("inbound handler failed on {} from {}", in.envelope(), in.source(), e);
        }
    }
}
