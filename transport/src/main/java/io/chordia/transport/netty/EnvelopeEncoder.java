package io.chordia.transport.netty;

import io.chordia.core.message.Envelope;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Envelopes to datagrams, encoded straight into pooled direct memory (what the socket writes from,
 * and what epoll's sendmmsg batches). An envelope that would exceed the maximum is dropped as
 * OVERSIZE (or handed to an oversize handler, which sends it another way), one whose recipient is
 * not an IP literal as UNRESOLVED; neither is written.
 */
final class EnvelopeEncoder extends ChannelOutboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();

    private final DatagramCodec codec;
    private final TransportStats stats;
    private final SocketAddressCache recipients = new SocketAddressCache();
    private final Consumer<Envelope> oversize;

    EnvelopeEncoder(KryoWireCodec codec, TransportStats stats) {
        this(DatagramCodec.of(codec, codec.maxEncodedBytes()), stats, null);
    }

    /** @param oversize takes envelopes too large for a datagram instead of dropping them; may be null */
    EnvelopeEncoder(DatagramCodec codec, TransportStats stats, Consumer<Envelope> oversize) {
        this.codec = codec;
        this.stats = stats;
        this.oversize = oversize;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Envelope)) {
            ctx.write(msg, promise);
            return;
        }
        Envelope envelope = (Envelope) msg;
        InetSocketAddress to = recipients.toSocketAddress(envelope.recipient());
        if (to == null) {
            drop(promise, DropReason.UNRESOLVED, envelope, "recipient is not an IP literal");
            return;
        }
        if (oversize != null && codec.encodedSize(envelope) > codec.maxEncodedBytes()) {
            oversize.accept(envelope);
            promise.trySuccess();
            return;
        }
        ByteBuf datagram;
        try {
            datagram = codec.encode(envelope, ctx.alloc());
        } catch (IllegalArgumentException e) {
            drop(promise, DropReason.OVERSIZE, envelope, e.getMessage());
            return;
        }
        stats.recordSent(datagram.readableBytes());
        ctx.write(new DatagramPacket(datagram, to), promise);
    }

    private void drop(ChannelPromise promise, DropReason reason, Envelope envelope, String why) {
        stats.recordDropped(reason);
        LOG.debug("dropped {}: {}: {}", envelope, reason, why);
        if (!promise.isVoid()) {
            promise.tryFailure(new IOException(reason + ": " + why));
        }
    }
}
