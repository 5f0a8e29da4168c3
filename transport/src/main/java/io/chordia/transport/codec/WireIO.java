package io.chordia.transport.codec;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Fixed-width big-endian fields on Kryo's {@link Input} and {@link Output}. Every read first checks
 * that the bytes are there: Kryo's own underflow path compacts the buffer in place, which would
 * scribble over the caller's array, and its exceptions carry stack traces.
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
        return in.readByteUnsigned() << 8 | in.readByteUnsigned();
    }

    static int readInt(Input in, String what) {
        need(in, 4, what);
        return in.readByteUnsigned() << 24 | in.readByteUnsigned() << 16 | in.readByteUnsigned() << 8
                | in.readByteUnsigned();
    }

    static long readLong(Input in, String what) {
        need(in, 8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | in.readByteUnsigned();
        }
        return v;
    }

    static void writeU8(Output out, int value) {
        out.writeByte(value);
    }

    static void writeU16(Output out, int value) {
        out.writeByte(value >>> 8);
        out.writeByte(value);
    }

    static void writeInt(Output out, int value) {
        out.writeByte(value >>> 24);
        out.writeByte(value >>> 16);
        out.writeByte(value >>> 8);
        out.writeByte(value);
    }

    static void writeLong(Output out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.writeByte((int) (value >>> shift));
        }
    }
}
