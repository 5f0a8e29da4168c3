package io.chordia.app.share.wire;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.id.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The serving side of one connection. Decodes the fetcher's small frames and answers at once:
 * blocks leave as a 13-byte header plus a file region (sendfile), written during a read burst and
 * flushed once at its end. Backpressure: when the socket's outbound buffer is full, reading stops
 * until it drains, so a peer that pipelines without reading cannot grow our memory.
 */
final class SeederHandler extends ByteToMessageDecoder {
    private final ContentCatalog catalog;
    private final UploadSlots slots;
    private final WireStats stats;
    private ServedContent open;
    private boolean holdsSlot;
    /** The connection as the choker of a partially served content sees it; null for a complete one. */
    private TcpUploadee uploadee;

    SeederHandler(ContentCatalog catalog, UploadSlots slots, WireStats stats) {
        this.catalog = catalog;
        this.slots = slots;
        this.stats = stats;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= WireFormat.HEADER_BYTES && ctx.channel().isActive()) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            long length = in.getUnsignedInt(start + 1);
            int max = WireFormat.maxRequestBody(type);
            if (max < 0) {
                drop(ctx, in, DropReason.UNKNOWN_TYPE);
                return;
            }
            if (length != max) {
                drop(ctx, in, DropReason.BAD_LENGTH);
                return;
            }
            if (in.readableBytes() < WireFormat.HEADER_BYTES + length) {
                return;
            }
            in.skipBytes(WireFormat.HEADER_BYTES);
            switch (type) {
                case WireFormat.GET_MANIFEST -> onGetManifest(ctx, readId(in));
                case WireFormat.OPEN -> onOpen(ctx, readId(in));
                case WireFormat.REQUEST -> onRequest(ctx, in.readInt(), in.readInt(), in.readInt());
                case WireFormat.CANCEL -> in.skipBytes(12); // blocks leave as soon as asked: nothing to take back
                default -> interested(type == WireFormat.INTERESTED); // a complete seeder serves by upload slot instead
            }
        }
    }

    private static ContentId readId(ByteBuf in) {
        byte[] id = new byte[WireFormat.ID_BYTES];
        in.readBytes(id);
        return new ContentId(NodeId.fromBytes(id));
    }

    private void onGetManifest(ChannelHandlerContext ctx, ContentId id) {
        ServedContent c = catalog.get(id);
        if (c == null) {
            stats.dropped(DropReason.UNKNOWN_CONTENT);
            ctx.write(idFrame(ctx, WireFormat.UNKNOWN, id, 0));
            return;
        }
        byte[] encoded = c.content().encodedManifest();
        ByteBuf frame = idFrame(ctx, WireFormat.MANIFEST, id, encoded.length);
        ctx.write(frame.writeBytes(encoded));
    }

    private void onOpen(ChannelHandlerContext ctx, ContentId id) {
        if (open != null) {
            drop(ctx, null, DropReason.OUT_OF_ORDER);
            return;
        }
        ServedContent c = catalog.get(id);
        if (c == null) {
            stats.dropped(DropReason.UNKNOWN_CONTENT);
            ctx.write(idFrame(ctx, WireFormat.UNKNOWN, id, 0));
            return;
        }
        if (c.partial()) {
            openPartial(ctx, id, c);
            return;
        }
        if (!slots.tryAcquire()) {
            stats.dropped(DropReason.CHOKED);
            byte[] reason = ("all " + slots.max() + " upload slots are busy: try again later").getBytes(StandardCharsets.UTF_8);
            ByteBuf frame = ctx.alloc().buffer(WireFormat.HEADER_BYTES + reason.length);
            frame.writeByte(WireFormat.CHOKE).writeInt(reason.length).writeBytes(reason);
            ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        holdsSlot = true;
        open = c;
        c.opened(ctx.channel(), bits -> ctx.write(idFrame(ctx, WireFormat.BITFIELD, id, bits.length).writeBytes(bits)));
    }

    /** A content this peer is still fetching: no upload slot, its choker decides (the connection starts choked). */
    private void openPartial(ChannelHandlerContext ctx, ContentId id, ServedContent c) {
        open = c;
        uploadee = new TcpUploadee(ctx.channel());
        c.opened(ctx.channel(), bits -> ctx.write(idFrame(ctx, WireFormat.BITFIELD, id, bits.length).writeBytes(bits)));
        TcpUploadee u = uploadee;
        c.chokerThread().execute(() -> c.choker().added(u));
    }

    private void interested(boolean yes) {
        TcpUploadee u = uploadee;
        if (u != null && u.interested() != yes) {
            u.interested(yes);
            open.chokerThread().execute(() -> open.choker().interestChanged(u));
        }
    }

    private void onRequest(ChannelHandlerContext ctx, int piece, int offset, int length) {
        if (open == null) {
            drop(ctx, null, DropReason.OUT_OF_ORDER);
            return;
        }
        Manifest m = open.content().manifest();
        if (piece < 0 || piece >= m.pieceCount() || length <= 0 || length > WireFormat.BLOCK_SIZE || offset < 0
                || (long) offset + length > m.pieceLength(piece) || !open.has(piece)) {
            drop(ctx, null, DropReason.BAD_REQUEST);
            return;
        }
        if (uploadee != null && uploadee.choked()) {
            return; // sent before our CHOKE reached it: it has forgotten these requests already
        }
        ByteBuf header = ctx.alloc().directBuffer(WireFormat.HEADER_BYTES + WireFormat.BLOCK_HEADER_BYTES);
        header.writeByte(WireFormat.BLOCK).writeInt(WireFormat.BLOCK_HEADER_BYTES + length).writeInt(piece).writeInt(offset);
        ctx.write(header);
        ServedContent c = open;
        c.layout().forEachSegment(m.pieceOffset(piece) + offset, length,
                (file, position, rangeOffset, n) -> ctx.write(c.region(file, position, n)));
        stats.served(length);
        if (uploadee != null) {
            uploadee.sent(length);
            if (!c.complete()) {
                stats.servedWhilePartial(length);
            }
        }
    }

    private static ByteBuf idFrame(ChannelHandlerContext ctx, byte type, ContentId id, int extra) {
        ByteBuf b = ctx.alloc().buffer(WireFormat.HEADER_BYTES + WireFormat.ID_BYTES + extra);
        return b.writeByte(type).writeInt(WireFormat.ID_BYTES + extra).writeBytes(id.toBytes());
    }

    private void drop(ChannelHandlerContext ctx, ByteBuf in, DropReason reason) {
        stats.dropped(reason);
        if (in != null) {
            in.skipBytes(in.readableBytes());
        }
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (holdsSlot) {
            holdsSlot = false;
            slots.release();
        }
        if (uploadee != null) {
            ServedContent c = open;
            TcpUploadee u = uploadee;
            uploadee = null;
            c.closed(ctx.channel());
            try {
                c.chokerThread().execute(() -> c.choker().removed(u));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the node thread is gone, and the choker with it
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the peer or a file closed under an upload: the connection is done either way.
        ctx.close();
    }
}
