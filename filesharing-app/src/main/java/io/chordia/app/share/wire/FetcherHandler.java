package io.chordia.app.share.wire;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reading side of a fetcher's connection, a state machine over the raw inbound buffers. Block
 * data is copied once, straight from the socket's buffer into the piece buffer that
 * {@link PeerLinkEvents#onBlockStart} names, never accumulated; the other frames are small and
 * collected up to their type's bound, growing only as bytes actually arrive.
 */
public final class FetcherHandler extends ChannelInboundHandlerAdapter {
    private enum State { HEADER, BLOCK_HEADER, BLOCK_DATA, BODY }

    private final PeerLinkEvents events;
    private final byte[] header = new byte[WireFormat.HEADER_BYTES + WireFormat.BLOCK_HEADER_BYTES];
    private int headerFill;
    private State state = State.HEADER;
    private byte type;
    private int length;
    private int piece;
    private int offset;
    private ByteBuffer destination;
    private int dataLeft;
    private ByteBuf body;
    private boolean failed;

    public FetcherHandler(PeerLinkEvents events) {
        this.events = events;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable() && !failed) {
                switch (state) {
                    case HEADER -> readHeader(ctx, in);
                    case BLOCK_HEADER -> readBlockHeader(ctx, in);
                    case BLOCK_DATA -> readBlockData(in);
                    default -> readBody(ctx, in);
                }
            }
        } finally {
            in.release();
        }
    }

    private boolean fill(ByteBuf in, int upTo) {
        int n = Math.min(upTo - headerFill, in.readableBytes());
        in.readBytes(header, headerFill, n);
        headerFill += n;
        return headerFill == upTo;
    }

    private void readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        if (!fill(in, WireFormat.HEADER_BYTES)) {
            return;
        }
        type = header[0];
        long declared = ((header[1] & 0xFFL) << 24) | ((header[2] & 0xFF) << 16) | ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        int max = WireFormat.maxReplyBody(type);
        if (max < 0) {
            fail(ctx, DropReason.UNKNOWN_TYPE);
            return;
        }
        if (declared > max || (type == WireFormat.BLOCK && declared <= WireFormat.BLOCK_HEADER_BYTES)) {
            fail(ctx, DropReason.BAD_LENGTH);
            return;
        }
        length = (int) declared;
        if (type == WireFormat.BLOCK) {
            state = State.BLOCK_HEADER;
        } else {
            body = ctx.alloc().heapBuffer(Math.min(length, 64 * 1024), Math.max(length, 1));
            state = State.BODY;
            if (length == 0) {
                deliverBody(ctx);
            }
        }
    }

    private void readBlockHeader(ChannelHandlerContext ctx, ByteBuf in) {
        if (!fill(in, WireFormat.HEADER_BYTES + WireFormat.BLOCK_HEADER_BYTES)) {
            return;
        }
        piece = intAt(WireFormat.HEADER_BYTES);
        offset = intAt(WireFormat.HEADER_BYTES + 4);
        dataLeft = length - WireFormat.BLOCK_HEADER_BYTES;
        destination = events.onBlockStart(piece, offset, dataLeft);
        state = State.BLOCK_DATA;
    }

    private void readBlockData(ByteBuf in) {
        int n = Math.min(dataLeft, in.readableBytes());
        if (destination != null) {
            ByteBuffer d = destination;
            int limit = d.limit();
            d.limit(d.position() + n);
            in.readBytes(d);
            d.limit(limit);
        } else {
            in.skipBytes(n);
        }
        dataLeft -= n;
        if (dataLeft == 0) {
            if (destination != null) {
                destination = null;
                events.onBlockDone(piece, offset, length - WireFormat.BLOCK_HEADER_BYTES);
            }
            next();
        }
    }

    private void readBody(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(length - body.readableBytes(), in.readableBytes());
        body.writeBytes(in, n);
        if (body.readableBytes() == length) {
            deliverBody(ctx);
        }
    }

    private void deliverBody(ChannelHandlerContext ctx) {
        byte[] bytes = new byte[length];
        body.readBytes(bytes);
        body.release();
        body = null;
        next();
        switch (type) {
            case WireFormat.MANIFEST, WireFormat.BITFIELD -> {
                if (bytes.length < WireFormat.ID_BYTES) {
                    fail(ctx, DropReason.BAD_LENGTH);
                    return;
                }
                byte[] id = java.util.Arrays.copyOf(bytes, WireFormat.ID_BYTES);
                byte[] rest = java.util.Arrays.copyOfRange(bytes, WireFormat.ID_BYTES, bytes.length);
                if (type == WireFormat.MANIFEST) {
                    events.onManifest(id, rest);
                } else {
                    events.onBitfield(id, rest);
                }
            }
            case WireFormat.UNKNOWN -> events.onUnknownContent();
            case WireFormat.HAVE -> {
                if (bytes.length != 4) {
                    fail(ctx, DropReason.BAD_LENGTH);
                    return;
                }
                events.onHave(java.nio.ByteBuffer.wrap(bytes).getInt());
            }
            case WireFormat.UNCHOKE -> events.onUnchoke();
            default -> events.onChoke(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private void next() {
        state = State.HEADER;
        headerFill = 0;
    }

    private int intAt(int i) {
        return ((header[i] & 0xFF) << 24) | ((header[i + 1] & 0xFF) << 16) | ((header[i + 2] & 0xFF) << 8) | (header[i + 3] & 0xFF);
    }

    private void fail(ChannelHandlerContext ctx, DropReason reason) {
        failed = true;
        events.onMalformed(reason);
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!failed) {
            events.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.release();
            body = null;
        }
        events.onClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
