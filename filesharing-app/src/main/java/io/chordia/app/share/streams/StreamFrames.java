package io.chordia.app.share.streams;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.wire.WireFormat;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;

/**
 * Share frames as stream frames: each stream frame is one share frame, header included, so the
 * bytes are those of the TCP wire. {@link #check} validates a received frame before anything is read from it.
 */
final class StreamFrames {
    private StreamFrames() {}

    static Bytes idFrame(byte type, ContentId id, byte[] extra) {
        ByteBuffer b = ByteBuffer.allocate(WireFormat.HEADER_BYTES + WireFormat.ID_BYTES + extra.length);
        b.put(type).putInt(WireFormat.ID_BYTES + extra.length).put(id.toBytes()).put(extra);
        return Bytes.wrapOwned(b.array());
    }

    static Bytes emptyFrame(byte type) {
        return Bytes.wrapOwned(new byte[] {type, 0, 0, 0, 0});
    }

    static Bytes haveFrame(int piece) {
        ByteBuffer b = ByteBuffer.allocate(WireFormat.HEADER_BYTES + 4);
        b.put(WireFormat.HAVE).putInt(4).putInt(piece);
        return Bytes.wrapOwned(b.array());
    }

    static Bytes blockFrame(byte type, int piece, int offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(WireFormat.HEADER_BYTES + 12);
        b.put(type).putInt(12).putInt(piece).putInt(offset).putInt(length);
        return Bytes.wrapOwned(b.array());
    }

    /**
     * Why {@code frame} is malformed, or null when its header is sound: a known type (as
     * {@code maxBody} says), a declared length equal to the body's and within the type's bound.
     */
    static DropReason check(Bytes frame, java.util.function.IntUnaryOperator maxBody, boolean exactLength) {
        if (frame.length() < WireFormat.HEADER_BYTES) {
            return DropReason.BAD_LENGTH;
        }
        int max = maxBody.applyAsInt(frame.byteAt(0));
        if (max < 0) {
            return DropReason.UNKNOWN_TYPE;
        }
        long declared = intAt(frame, 1) & 0xFFFFFFFFL;
        if (declared != frame.length() - WireFormat.HEADER_BYTES || declared > max || (exactLength && declared != max)) {
            return DropReason.BAD_LENGTH;
        }
        if (frame.byteAt(0) == WireFormat.BLOCK && declared <= WireFormat.BLOCK_HEADER_BYTES) {
            return DropReason.BAD_LENGTH;
        }
        return null;
    }

    static int intAt(Bytes b, int i) {
        return ((b.byteAt(i) & 0xFF) << 24) | ((b.byteAt(i + 1) & 0xFF) << 16) | ((b.byteAt(i + 2) & 0xFF) << 8)
                | (b.byteAt(i + 3) & 0xFF);
    }

    /** The body of {@code frame} from {@code from} on. */
    static byte[] body(Bytes frame, int from) {
        byte[] all = frame.toArray();
        return java.util.Arrays.copyOfRange(all, WireFormat.HEADER_BYTES + from, all.length);
    }
}
