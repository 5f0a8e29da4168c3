package io.chordia.transport.netty;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Datagrams to {@link InboundEnvelope}s. Anything that does not decode is counted under its drop
 * reason and released here; nothing is thrown on. A datagram longer than the maximum is OVERSIZE:
 * the receive buffer is one byte larger than the maximum, so a truncated datagram shows up as
 * exactly that one byte too many and is never mistaken for a shorter valid one.
 */
final class DatagramDecoder extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger();

    private final DatagramCodec codec;
    private final TransportStats stats;
    private final SocketAddressCache sources = new SocketAddressCache();
    private Address local;

    DatagramDecoder(KryoWireCodec codec, TransportStats stats, Address local) {
        this(DatagramCodec.of(codec, codec.maxEncodedBytes()), stats, local);
    }

    /** @param local the envelopes' recipient; {@code null} to take the channel's bound address */
    DatagramDecoder(DatagramCodec codec, TransportStats stats, Address local) {
        this.codec = codec;
        this.stats = stats;
        this.local = local;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket)) {
            LOG.debug("dropped a {} that is not a datagram", msg.getClass().getSimpleName());
            ReferenceCountUtil.release(msg);
            stats.recordDropped(DropReason.MALFORMED);
            return;
        }
        DatagramPacket packet = (DatagramPacket) msg;
        InboundEnvelope decoded;
        try {
            decoded = decode(ctx, packet);
        } finally {
            packet.release();
        }
        if (decoded != null) {
            ctx.fireChannelRead(decoded);
        }
    }

    private InboundEnvelope decode(ChannelHandlerContext ctx, DatagramPacket packet) {
        int bytes = packet.content().readableBytes();
        if (bytes > codec.maxEncodedBytes()) {
            stats.recordDropped(DropReason.OVERSIZE);
            LOG.debug("dropped a datagram from {} longer than {} bytes", packet.sender(), codec.maxEncodedBytes());
            return null;
        }
        try {
            if (local == null) {
                local = SocketAddresses.toAddress((InetSocketAddress) ctx.channel().localAddress());
            }
            Address source = sources.toAddress(packet.sender());
            Envelope envelope = codec.decode(packet.content(), source, local);
            return new InboundEnvelope(envelope, source, bytes);
        } catch (MalformedMessageException e) {
            stats.recordDropped(e.reason());
            LOG.debug("dropped {} bytes from {}: {} {}", bytes, packet.sender(), e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            // A source the Address record refuses (port 0 from a raw socket), or a bug: never throw on.
            stats.recordDropped(DropReason.MALFORMED);
            LOG.debug("dropped {} bytes from {}: {}", bytes, packet.sender(), e.toString());
        }
        return null;
    }
}
