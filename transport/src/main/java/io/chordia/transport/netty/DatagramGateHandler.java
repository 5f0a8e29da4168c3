package io.chordia.transport.netty;

import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/** Asks a {@link DatagramGate} about each datagram; refused ones are released and counted here. */
final class DatagramGateHandler extends ChannelInboundHandlerAdapter {
    private final DatagramGate gate;
    private final TransportStats stats;

    DatagramGateHandler(DatagramGate gate, TransportStats stats) {
        this.gate = gate;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            boolean admitted;
            try {
                admitted = gate.admit(packet.sender(), packet.content().readableBytes());
            } catch (RuntimeException e) {
                // A failing gate must not become a way to crash the pipeline; refuse and count.
                admitted = false;
            }
            if (!admitted) {
                ReferenceCountUtil.release(packet);
                stats.recordDropped(DropReason.RATE_LIMITED);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
