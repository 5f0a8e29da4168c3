package io.chordia.app.share.streams;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.swarm.Choker;
import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.wire.WireFormat;
import io.chordia.core.id.NodeId;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.StreamTransport;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The serving side over a {@link StreamTransport}: answers GET_MANIFEST, OPEN and REQUEST as
 * {@code share.wire}'s seeder does, from contents held as a {@link BlockSource}. A content can be
 * served whole ({@link #serve}) or in part ({@link #servePartial}): then the bitfield says which
 * pieces are here, {@link #have} announces each new one to every open connection, and a
 * {@link Choker} decides who may request (requests from a choked connection are ignored, as
 * BitTorrent does). Malformed input is counted and the channel closed. For simulations it can
 * go silent ({@link #stallAfter}): a peer that keeps its connections open and stops answering.
 * Runs on its transport's node thread.
 */
public final class StreamSeeder {
    /** The bytes of a served content, by offset in the whole content. */
    @FunctionalInterface
    public interface BlockSource {
        void read(long contentOffset, byte[] into, int at, int length);
    }

    /** What the seeder did, for a simulation's measurements. */
    public interface Listener {
        /** A peer at {@code host} opened a content here. */
        default void opened(String host) { }

        /** A block left for {@code host}. */
        default void served(String host, int piece, int offset, int length) { }
    }

    private record Served(Manifest manifest, byte[] encodedManifest, BlockSource source, BitSet have, Choker choker,
                          List<Upload> uploads) {
    }

    private final DropCounter drops;
    private final Map<ContentId, Served> served = new HashMap<>();
    private Listener listener = new Listener() { };
    private long blocksServed;
    private long stallAfter = Long.MAX_VALUE;

    public StreamSeeder(StreamTransport transport, DropCounter drops) {
        this.drops = drops;
        transport.onAccept(this::accepted);
    }

    /** Serves every piece of the content to everyone who asks. */
    public void serve(ContentId id, Manifest manifest, byte[] encodedManifest, BlockSource source) {
        BitSet all = new BitSet(manifest.pieceCount());
        all.set(0, manifest.pieceCount());
        served.put(id, new Served(manifest, encodedManifest, source, all, null, new ArrayList<>()));
    }

    /**
     * Serves the pieces in {@code have} (more arrive through {@link #have}) to the connections
     * {@code choker} unchokes. The seeder keeps {@code have}; the choker sees every connection.
     */
    public void servePartial(ContentId id, Manifest manifest, byte[] encodedManifest, BlockSource source, BitSet have,
                             Choker choker) {
        served.put(id, new Served(manifest, encodedManifest, source, (BitSet) have.clone(), choker, new ArrayList<>()));
    }

    /** One more piece is here: every connection that opened the content hears of it (HAVE). */
    public void have(ContentId id, int piece) {
        Served c = served.get(id);
        if (c == null || c.have().get(piece)) {
            return;
        }
        c.have().set(piece);
        Bytes frame = StreamFrames.haveFrame(piece);
        for (Upload u : c.uploads()) {
            u.channel.send(frame);
        }
    }

    public void listener(Listener value) {
        this.listener = value;
    }

    /** After {@code blocks} blocks in all, requests go unanswered (connections stay open). */
    public void stallAfter(long blocks) {
        this.stallAfter = blocks;
    }

    public long blocksServed() {
        return blocksServed;
    }

    /** One connection that opened a content here. */
    private static final class Upload implements Choker.Uploadee {
        final FrameChannel channel;
        final Served content;
        boolean interested;
        boolean choked;
        long uploaded;

        Upload(FrameChannel channel, Served content) {
            this.channel = channel;
            this.content = content;
        }

        @Override
        public String host() {
            return channel.remoteAddress().host();
        }

        @Override
        public boolean interested() {
            return interested;
        }

        @Override
        public long uploadedBytes() {
            return uploaded;
        }

        @Override
        public void choke() {
            choked = true;
            byte[] reason = "choked".getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(WireFormat.HEADER_BYTES + reason.length);
            b.put(WireFormat.CHOKE).putInt(reason.length).put(reason);
            channel.send(Bytes.wrapOwned(b.array()));
        }

        @Override
        public void unchoke() {
            choked = false;
            channel.send(StreamFrames.emptyFrame(WireFormat.UNCHOKE));
        }
    }

    private void accepted(FrameChannel ch) {
        Upload[] open = new Upload[1];
        ch.onClose(cause -> {
            Upload u = open[0];
            if (u != null) {
                u.content.uploads().remove(u);
                if (u.content.choker() != null) {
                    u.content.choker().removed(u);
                }
            }
        });
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

    private DropReason answer(FrameChannel ch, Bytes frame, Upload[] open) {
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
                open[0] = new Upload(ch, c);
                c.uploads().add(open[0]);
                ch.send(StreamFrames.idFrame(WireFormat.BITFIELD, id, bitfield(c)));
                listener.opened(ch.remoteAddress().host());
                if (c.choker() != null) {
                    c.choker().added(open[0]);
                }
            }
            return null;
        }
        if (type == WireFormat.CANCEL) {
            return null; // blocks leave as soon as asked: nothing to take back
        }
        Upload u = open[0];
        if (u == null) {
            return DropReason.OUT_OF_ORDER;
        }
        if (type == WireFormat.INTERESTED || type == WireFormat.NOT_INTERESTED) {
            u.interested = type == WireFormat.INTERESTED;
            if (u.content.choker() != null) {
                u.content.choker().interestChanged(u);
            }
            return null;
        }
        int piece = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES);
        int offset = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES + 4);
        int length = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES + 8);
        Manifest m = u.content.manifest();
        if (piece < 0 || piece >= m.pieceCount() || length <= 0 || length > WireFormat.BLOCK_SIZE || offset < 0
                || (long) offset + length > m.pieceLength(piece) || !u.content.have().get(piece)) {
            return DropReason.BAD_REQUEST;
        }
        if (u.choked || blocksServed >= stallAfter) {
            return null; // sent before our CHOKE reached it: it has forgotten these requests already
        }
        blocksServed++;
        u.uploaded += length;
        byte[] out = new byte[WireFormat.HEADER_BYTES + WireFormat.BLOCK_HEADER_BYTES + length];
        ByteBuffer.wrap(out).put(WireFormat.BLOCK).putInt(WireFormat.BLOCK_HEADER_BYTES + length).putInt(piece).putInt(offset);
        u.content.source().read(m.pieceOffset(piece) + offset, out, out.length - length, length);
        ch.send(Bytes.wrapOwned(out));
        listener.served(ch.remoteAddress().host(), piece, offset, length);
        return null;
    }

    private static byte[] bitfield(Served c) {
        int pieces = c.manifest().pieceCount();
        byte[] bits = new byte[(pieces + 7) / 8];
        for (int p = c.have().nextSetBit(0); p >= 0 && p < pieces; p = c.have().nextSetBit(p + 1)) {
            bits[p >>> 3] |= (byte) (0x80 >>> (p & 7));
        }
        return bits;
    }
}
