package io.chordia.transport.bencode;

import io.chordia.core.util.Checks;

/** Canonical encoding: dictionary keys in raw byte order, integers and lengths without leading zeros. */
public final class BencodeEncoder {
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private BencodeEncoder() {}

    /** The encoding of {@code value}, in an array of exactly {@link BencodeValue#encodedSize()} bytes. */
    public static byte[] encode(BencodeValue value) {
        long size = value.encodedSize();
        Checks.check(size <= MAX_ARRAY_BYTES, "encoding of %s bytes does not fit in an array", size);
        byte[] out = new byte[(int) size];
        finish(value.writeTo(out, 0), 0, size);
        return out;
    }

    /**
     * Writes the encoding of {@code value} into {@code target} at {@code offset}; returns the offset
     * just past it. Refuses, before writing anything, a value that does not fit.
     */
    public static int encode(BencodeValue value, byte[] target, int offset) {
        long size = value.encodedSize();
        Checks.check(offset >= 0 && offset <= target.length && size <= target.length - offset,
                "encoding of %s bytes does not fit at offset %s", size, offset);
        return finish(value.writeTo(target, offset), offset, size);
    }

    private static int finish(int end, int offset, long size) {
        if (end - offset != size) {
            throw new IllegalStateException("wrote " + (end - offset) + " bytes, computed " + size);
        }
        return end;
    }
}
