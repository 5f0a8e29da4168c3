package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/** A byte string: binary (node ids, compact contacts, tokens) as often as text. */
public record BencodeBytes(Bytes value) implements BencodeValue {
    public static final BencodeBytes EMPTY = new BencodeBytes(Bytes.EMPTY);

    public BencodeBytes {
        Checks.notNull(value, "value");
    }

    /** The UTF-8 bytes of {@code text}; KRPC keys and method names are ASCII. */
    public static BencodeBytes of(String text) {
        return new BencodeBytes(Bytes.ofUtf8(text));
    }

    public static BencodeBytes of(byte[] data) {
        return new BencodeBytes(Bytes.copyOf(data));
    }

    @Override
    public long encodedSize() {
        return sizeOf(value);
    }

    @Override
    public int writeTo(byte[] target, int offset) {
        return write(value, target, offset);
    }

    static long sizeOf(Bytes bytes) {
        return AsciiDecimal.length(bytes.length()) + 1L + bytes.length();
    }

    static int write(Bytes bytes, byte[] target, int offset) {
        int at = AsciiDecimal.write(bytes.length(), target, offset);
        target[at++] = ':';
        bytes.copyTo(target, at);
        return at + bytes.length();
    }

    @Override
    public String toString() {
        return "BencodeBytes[" + printable(value) + "]";
    }

    private static String printable(Bytes bytes) {
        for (int i = 0; i < bytes.length(); i++) {
            if (bytes.byteAt(i) < 0x20 || bytes.byteAt(i) > 0x7e) {
                return bytes.toString();
            }
        }
        return '"' + bytes.toUtf8() + '"';
    }
}
