package io.chordia.core.util;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string: payloads never travel as a shared, mutable {@code byte[]}. */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes copyOf(byte[] data) {
        Checks.notNull(data, "data");
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    public static Bytes copyOf(byte[] data, int offset, int length) {
        Checks.notNull(data, "data");
        Checks.check(offset >= 0 && length >= 0 && offset + length <= data.length,
                "range [%s, %s) outside array of %s bytes", offset, offset + length, data.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Takes ownership of {@code data}: the caller must not touch the array afterwards. */
    public static Bytes wrapOwned(byte[] data) {
        Checks.notNull(data, "data");
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    public static Bytes ofUtf8(String text) {
        return wrapOwned(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public int length() {
        return data.length;
    }

    public byte byteAt(int index) {
        return data[index];
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** Copies into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** Writes the bytes to {@code out} without an intermediate copy. */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(data);
    }

    public String toUtf8() {
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String toHex() {
        return HexFormat.of().formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 32 ? "Bytes[" + toHex() + "]" : "Bytes[" + data.length + " bytes]";
    }
}
