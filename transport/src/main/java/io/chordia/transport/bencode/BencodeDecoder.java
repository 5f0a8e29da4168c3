package io.chordia.transport.bencode;

import io.chordia.core.util.Checks;
import java.util.Objects;

/**
 * Decodes one bencoded value from a byte slice (a datagram), strictly and within {@link BencodeLimits}.
 * Every length, count and depth is checked before the thing it bounds is allocated, a declared string
 * length is checked against the bytes actually present, and nesting is followed on an explicit stack of
 * at most {@link BencodeLimits#maxDepth()} frames, so no input can exhaust the heap or the Java stack.
 * Work is linear in the input. Immutable and stateless: share one instance between threads.
 */
public final class BencodeDecoder {
    private final BencodeLimits limits;
    private final KeyOrder keyOrder;

    public BencodeDecoder(BencodeLimits limits) {
        this(limits, KeyOrder.STRICT);
    }

    public BencodeDecoder(BencodeLimits limits, KeyOrder keyOrder) {
        this.limits = Checks.notNull(limits, "limits");
        this.keyOrder = Checks.notNull(keyOrder, "keyOrder");
    }

    public BencodeLimits limits() {
        return limits;
    }

    public KeyOrder keyOrder() {
        return keyOrder;
    }

    public BencodeValue decode(byte[] data) throws BencodeException {
        return decode(data, 0, data.length);
    }

    /**
     * The single value in {@code data[offset, offset + length)}; the array is only read. Throws nothing
     * but {@link BencodeException} for any content of the slice.
     */
    public BencodeValue decode(byte[] data, int offset, int length) throws BencodeException {
        Objects.checkFromIndexSize(offset, length, data.length);
        return new BencodeParser(data, offset, offset + length, limits, keyOrder).parse();
    }

    /** A value and how many bytes of its slice it took. */
    public record Prefix(BencodeValue value, int length) {}

    /**
     * The value at the start of {@code data[offset, offset + length)}, whatever follows it (BEP 9's
     * data message is a dictionary followed by raw bytes); same limits and failures as {@link #decode}.
     */
    public Prefix decodePrefix(byte[] data, int offset, int length) throws BencodeException {
        Objects.checkFromIndexSize(offset, length, data.length);
        BencodeParser parser = new BencodeParser(data, offset, offset + length, limits, keyOrder);
        BencodeValue value = parser.parse(false);
        return new Prefix(value, parser.position() - offset);
    }
}
