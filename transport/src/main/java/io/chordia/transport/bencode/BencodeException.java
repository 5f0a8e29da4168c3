package io.chordia.transport.bencode;

/**
 * Input that is not one canonical bencoded value within the limits. The {@link Reason} is what a
 * transport counts the drop under. Stackless, and its message is built only when asked for: hostile
 * peers can make us throw it at line rate.
 */
public final class BencodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the input was refused; exactly one per failure. */
    public enum Reason {
        /** The input ends inside a value (or is empty); declared string lengths past the end too. */
        TRUNCATED,
        /** More containers open at once than {@link BencodeLimits#maxDepth()}. */
        TOO_DEEP,
        /** A declared string length above {@link BencodeLimits#maxStringBytes()}, or an integer beyond 64 bits. */
        TOO_LONG,
        /** More entries in one container than {@link BencodeLimits#maxEntries()}, or items than {@link BencodeLimits#maxItems()}. */
        TOO_MANY,
        /** Not bencode: an unexpected byte, a leading zero, {@code -0}, a key that is not a byte string. */
        MALFORMED,
        /** Dictionary keys not strictly ascending in raw byte order (a repeated key included). */
        UNSORTED_KEYS,
        /** Bytes after the top-level value. */
        TRAILING
    }

    private final Reason reason;
    private final int offset;
    private final String detail;

    BencodeException(Reason reason, int offset, String detail) {
        super(null, null, false, false);
        this.reason = reason;
        this.offset = offset;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** Where in the decoded slice the input was refused, counted from the slice's first byte. */
    public int offset() {
        return offset;
    }

    @Override
    public String getMessage() {
        return reason + " at byte " + offset + ": " + detail;
    }
}
