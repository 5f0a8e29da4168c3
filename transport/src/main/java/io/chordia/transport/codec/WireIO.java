package io.chordia.transport.codec;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Fixed-width big-endian fields on Kryo's {@link Input} and {@link Output}. Kryo writes fixed-width
 * numbers little-endian (Input/Output and their ByteBuffer variants alike; we never use the Unsafe
 * ones, which follow the platform), so fields are byte-swapped into network order with one call
 * each rather than written a byte at a time; the golden fixtures pin the result.
 *
 * <p>Every read first checks that the bytes are there: Kryo's own underflow path compacts the
 * buffer in place, which would scribble over the caller's array, and its exceptions carry stack
 * traces.
 */
final class WireIO {
    private WireIO() {}

    /** Throws unless {@code count} more bytes can be read. */
    static void need(Input in, int count, String what) {
        if (in.limit() - in.position() < count) {
            throw WireFormatException.malformed("truncated " + what + ": need " + count + " bytes, have "
                    + (in.limit() - in.position()));
        }
    }

    static int remaining(Input in) {
        return in.limit() - in.position();
    }

    static int readU8(Input in, String what) {
        need(in, 1, what);
        return in.readByteUnsigned();
    }

    static int readU16(Input in, String what) {
        need(in, 2, what);
        return Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    }

    static int readInt(Input in, String what) {
        need(in, 4, what);
        return Integer.reverseBytes(in.readInt());
    }

    static long readLong(Input in, String what) {
        need(in, 8, what);
        return Long.reverseBytes(in.readLong());
    }

    static void writeU8(Output out, int value) {
        out.writeByte(value);
    }

    static void writeU16(Output out, int value) {
        out.writeShort(Short.reverseBytes((short) value));
    }

    static void writeInt(Output out, int value) {
        out.writeInt(Integer.reverseBytes(value));
    }

    static void writeLong(Output out, long value) {
        out.writeLong(Long.reverseBytes(value));
    }
}
