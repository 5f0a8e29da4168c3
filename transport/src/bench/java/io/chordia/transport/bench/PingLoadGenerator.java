package io.chordia.transport.bench;

import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.codec.WireRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The load side of the ping benchmark, kept as light as it can be: no codec and no RPC layer. It
 * sends copies of one pre-encoded Ping datagram, patching a fresh transaction id (a sequence
 * number) into each, keeps {@code window} of them in flight, and counts Pong datagrams by
 * transaction id: each reply must match a ping still in flight, found by a slot in a ring.
 * Replies read in one burst are answered with new pings flushed together (sendmmsg on epoll).
 *
 * <p>Runs on its own event loop; {@link #completed()} may be read from any thread.
 */
final class PingLoadGenerator extends ChannelInboundHandlerAdapter {
    private static final int TX_ID_OFFSET = KryoWireCodec.HEADER_BYTES;
    private static final int RING = 1 << 16;

    private final byte[] template;
    private final InetSocketAddress server;
    private final int window;
    private final long[] inFlightTxIds = new long[RING];
    private long nextTxId = 1;
    private int inFlight;
    private long lastReplyNanos = System.nanoTime();
    private volatile long completed;
    private volatile long lost;
    private volatile long stray;

    PingLoadGenerator(byte[] pingTemplate, InetSocketAddress server, int window) {
        if (window >= RING) {
            throw new IllegalArgumentException("window must be below " + RING);
        }
        this.template = pingTemplate;
        this.server = server;
        this.window = window;
    }

    long completed() {
        return completed;
    }

    long lost() {
        return lost;
    }

    long stray() {
        return stray;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        refill(ctx);
        ctx.flush();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            ByteBuf b = packet.content();
            if (b.readableBytes() < TX_ID_OFFSET + 8 || b.getUnsignedByte(b.readerIndex() + 3) != WireRegistry.PONG) {
                stray++;
                return;
            }
            long txId = b.getLong(b.readerIndex() + TX_ID_OFFSET);
            int slot = (int) (txId & (RING - 1));
            if (inFlightTxIds[slot] != txId) {
                stray++;
                return;
            }
            inFlightTxIds[slot] = 0;
            inFlight--;
            completed++; // single writer: this event loop
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastReplyNanos = System.nanoTime();
        refill(ctx);
        ctx.flush();
    }

    /** Called periodically on the event loop: a window with no reply for a while is presumed lost. */
    void checkStalled(ChannelHandlerContext ctx, long stallNanos) {
        if (inFlight > 0 && System.nanoTime() - lastReplyNanos > stallNanos) {
            java.util.Arrays.fill(inFlightTxIds, 0);
            lost += inFlight;
            inFlight = 0;
            lastReplyNanos = System.nanoTime();
            refill(ctx);
            ctx.flush();
        }
    }

    private void refill(ChannelHandlerContext ctx) {
        while (inFlight < window) {
            long txId = nextTxId++;
            ByteBuf ping = ctx.alloc().directBuffer(template.length).writeBytes(template);
            ping.setLong(TX_ID_OFFSET, txId);
            inFlightTxIds[(int) (txId & (RING - 1))] = txId;
            inFlight++;
            ctx.write(new DatagramPacket(ping, server), ctx.voidPromise());
        }
    }
}
