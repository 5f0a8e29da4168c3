package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.util.Arrays;

/**
 * Writes canonical bencode straight into one reusable array, for messages of known shape: no value
 * tree is built, so a datagram costs its bytes and nothing else. The caller gives dictionary keys in
 * raw byte order, and the writer refuses ({@link IllegalStateException}) a key that is not above the
 * one before it in the same dictionary, so a shape written in the wrong order fails at once rather
 * than putting a second encoding of the same value on the wire. Keys are ASCII, as all of KRPC's are.
 * Not thread-safe; {@link #reset()} before each message.
 */
public final class BencodeWriter {
    /** Dictionaries and lists open at once; KRPC's deepest message (a BEP 44 item) opens far fewer. */
    public static final int MAX_DEPTH = BencodeLimits.MAX_DEPTH;

    private byte[] buffer;
    private int length;
    /** Before a dictionary's first key: any key, the empty one too, is above it. */
    private static final String NO_KEY = new String();

    /** Per open container: the last key of a dictionary ({@link #NO_KEY} before the first), null for a list. */
    private final String[] lastKeys = new String[MAX_DEPTH];
    private int depth;

    public BencodeWriter(int initialCapacity) {
        Checks.check(initialCapacity > 0, "initialCapacity %s <= 0", initialCapacity);
        this.buffer = new byte[initialCapacity];
    }

    /** Forgets what was written, keeping the array. */
    public BencodeWriter reset() {
        length = 0;
        Arrays.fill(lastKeys, 0, depth, null);
        depth = 0;
        return this;
    }

    public BencodeWriter startDictionary() {
        open(NO_KEY);
        put((byte) 'd');
        return this;
    }

    public BencodeWriter startList() {
        open(null);
        put((byte) 'l');
        return this;
    }

    public BencodeWriter end() {
        if (depth == 0) {
            throw new IllegalStateException("no container to end");
        }
        lastKeys[--depth] = null;
        put((byte) 'e');
        return this;
    }

    /** The next key of the open dictionary, which must sort above the one before it. */
    public BencodeWriter key(String asciiKey) {
        String last = depth == 0 ? null : lastKeys[depth - 1];
        if (last == null) {
            throw new IllegalStateException("key '" + asciiKey + "' outside a dictionary");
        }
        // For ASCII, String order is raw byte order.
        if (last != NO_KEY && asciiKey.compareTo(last) <= 0) {
            throw new IllegalStateException("key '" + asciiKey + "' not above '" + last + "'");
        }
        lastKeys[depth - 1] = asciiKey;
        int n = asciiKey.length();
        writeLength(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) asciiKey.charAt(i);
        }
        return this;
    }

    public BencodeWriter bytes(byte[] data) {
        return bytes(data, 0, data.length);
    }

    public BencodeWriter bytes(byte[] data, int offset, int count) {
        writeLength(count);
        ensure(count);
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
        return this;
    }

    public BencodeWriter bytes(Bytes data) {
        int count = data.length();
        writeLength(count);
        ensure(count);
        data.copyTo(buffer, length);
        length += count;
        return this;
    }

    /** A byte string of {@code ascii}'s characters (method names, short literals). */
    public BencodeWriter bytes(String ascii) {
        int n = ascii.length();
        writeLength(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public BencodeWriter integer(long value) {
        ensure(AsciiDecimal.length(value) + 2);
        buffer[length++] = 'i';
        length = AsciiDecimal.write(value, buffer, length);
        buffer[length++] = 'e';
        return this;
    }

    /**
     * One value already in canonical bencode, copied as it is (a BEP 44 item's {@code v}); the caller
     * has checked that it is exactly one canonical value.
     */
    public BencodeWriter encoded(Bytes canonical) {
        int count = canonical.length();
        ensure(count);
        canonical.copyTo(buffer, length);
        length += count;
        return this;
    }

    /** A value of a tree, written as {@link BencodeEncoder} would write it. */
    public BencodeWriter value(BencodeValue value) {
        long size = value.encodedSize();
        Checks.check(size <= Integer.MAX_VALUE - 8L - length, "value of %s bytes does not fit", size);
        ensure((int) size);
        length = value.writeTo(buffer, length);
        return this;
    }

    /** Bytes written since the last {@link #reset()}. */
    public int length() {
        return length;
    }

    /** The array written into: its first {@link #length()} bytes are the message. Valid until the next write. */
    public byte[] array() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** Whether every container opened was ended: a whole value was written. */
    public boolean isComplete() {
        return depth == 0 && length > 0;
    }

    private void open(String firstKeyBound) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("nested deeper than " + MAX_DEPTH);
        }
        lastKeys[depth++] = firstKeyBound;
    }

    private void writeLength(int count) {
        ensure(AsciiDecimal.length(count) + 1);
        length = AsciiDecimal.write(count, buffer, length);
        buffer[length++] = ':';
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (more > buffer.length - length) {
            Checks.check(more <= Integer.MAX_VALUE - 8 - length, "encoding past %s bytes", Integer.MAX_VALUE - 8L);
            buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(2L * buffer.length, (long) length + more)));
        }
    }
}
