package io.chordia.app.share.streams;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.wire.WireFormat;
import io.chordia.core.id.NodeId;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.StreamTransport;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The serving side over a {@link StreamTransport}: answers GET_MANIFEST, OPEN and REQUEST as
 * {@code share.wire}'s seeder does, from contents held as a {@link BlockSource}. Malformed input is
 * counted and the channel closed. For simulations it can go silent ({@link #stallAfter}): a
 * peer that keeps its connections open and stops answering. Runs on its transport's node thread.
 */
public final class StreamSeeder {
    /** The bytes of a served content, by offset in the whole content. */
    @FunctionalInterface
    public interface BlockSource {
        void read(long contentOffset, byte[] into, int at, int length);
    }

    private record Served(Manifest manifest, byte[] encodedManifest, BlockSource source, byte[] bitfield) {
    }

    private final DropCounter drops;
    private final Map<ContentId, Served> served = new HashMap<>();
    private long blocksServed;
    private long stallAfter = Long.MAX_VALUE;

    public StreamSeeder(StreamTransport transport, DropCounter drops) {
        this.drops = drops;
        transport.onAccept(this::accepted);
    }

    public void serve(ContentId id, Manifest manifest, byte[] encodedManifest, BlockSource source) {
        byte[] bits = new byte[(manifest.pieceCount() + 7) / 8];
        for (int p = 0; p < manifest.pieceCount(); p++) {
            bits[p >>> 3] |= (byte) (0x80 >>> (p & 7));
        }
        served.put(id, new Served(manifest, encodedManifest, source, bits));
    }

    /** After {@code blocks} blocks in all, requests go unanswered (connections stay open). */
    public void stallAfter(long blocks) {
        this.stallAfter = blocks;
    }

    public long blocksServed() {
        return blocksServed;
    }

    private void accepted(FrameChannel ch) {
        Served[] open = new Served[1];
        ch.onFrame(frame -> {
            DropReason bad = StreamFrames.check(frame, t -> WireFormat.maxRequestBody((byte) t), true);
            if (bad == null) {
                bad = answer(ch, frame, open);
            }
            if (bad != null) {
                drops.dropped(bad);
                ch.close();
            }
        });
    }

    private DropReason answer(FrameChannel ch, Bytes frame, Served[] open) {
        byte type = frame.byteAt(0);
        if (type == WireFormat.GET_MANIFEST || type == WireFormat.OPEN) {
            ContentId id = new ContentId(NodeId.fromBytes(StreamFrames.body(frame, 0)));
            Served c = served.get(id);
            if (c == null) {
                drops.dropped(DropReason.UNKNOWN_CONTENT);
                ch.send(StreamFrames.idFrame(WireFormat.UNKNOWN, id, new byte[0]));
            } else if (type == WireFormat.GET_MANIFEST) {
                ch.send(StreamFrames.idFrame(WireFormat.MANIFEST, id, c.encodedManifest()));
            } else if (open[0] != null) {
                return DropReason.OUT_OF_ORDER;
            } else {
                open[0] = c;
                ch.send(StreamFrames.idFrame(WireFormat.BITFIELD, id, c.bitfield()));
            }
            return null;
        }
        if (type == WireFormat.CANCEL) {
            return null; // blocks leave as soon as asked: nothing to take back
        }
        if (open[0] == null) {
            return DropReason.OUT_OF_ORDER;
        }
        int piece = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES);
        int offset = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES + 4);
        int length = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES + 8);
        Manifest m = open[0].manifest();
        if (piece < 0 || piece >= m.pieceCount() || length <= 0 || length > WireFormat.BLOCK_SIZE || offset < 0
                || (long) offset + length > m.pieceLength(piece)) {
            return DropReason.BAD_REQUEST;
        }
        if (blocksServed >= stallAfter) {
            return null;
        }
        blocksServed++;
        byte[] out = new byte[WireFormat.HEADER_BYTES + WireFormat.BLOCK_HEADER_BYTES + length];
        ByteBuffer.wrap(out).put(WireFormat.BLOCK).putInt(WireFormat.BLOCK_HEADER_BYTES + length).putInt(piece).putInt(offset);
        open[0].source().read(m.pieceOffset(piece) + offset, out, out.length - length, length);
        ch.send(Bytes.wrapOwned(out));
        return null;
    }
}
