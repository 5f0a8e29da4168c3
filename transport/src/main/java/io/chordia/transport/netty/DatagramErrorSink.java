package io.chordia.transport.netty;

import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The end of the UDP pipeline: every exception stops here. Socket errors (a failed write, an ICMP
 * port-unreachable reported for an earlier send) count as SEND_FAILED; UDP is best effort and the
 * RPC layer's timeouts deal with the loss. Anything else is a bug, logged, and still not thrown on.
 */
final class DatagramErrorSink extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();

    private final TransportStats stats;

    DatagramErrorSink(TransportStats stats) {
        this.stats = stats;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            stats.recordDropped(DropReason.SEND_FAILED);
            LOG.debug("socket error on {}: {}", ctx.channel().localAddress(), cause.toString());
        } else {
            LOG.warn("unexpected error in the UDP pipeline of {}", ctx.channel().localAddress(), cause);
        }
    }
}
