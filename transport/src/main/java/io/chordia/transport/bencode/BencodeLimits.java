package io.chordia.transport.bencode;

import io.chordia.core.util.Checks;

/**
 * What one decode may build, each bound checked before the thing it bounds is allocated.
 *
 * @param maxDepth containers open at once (the top-level value counts as one)
 * @param maxStringBytes bytes in one byte string; a longer declared length fails while its digits
 *     are read
 * @param maxEntries items in one list, or key-value pairs in one dictionary
 * @param maxItems values built in all, dictionary keys included
 */
public record BencodeLimits(int maxDepth, int maxStringBytes, int maxEntries, int maxItems) {
    /** The explicit decoding stack is an array of this many frames at most. */
    public static final int MAX_DEPTH = 1024;

    public BencodeLimits {
        Checks.inRange(maxDepth, 1, MAX_DEPTH, "maxDepth");
        Checks.inRange(maxStringBytes, 0, Integer.MAX_VALUE, "maxStringBytes");
        Checks.inRange(maxEntries, 0, Integer.MAX_VALUE, "maxEntries");
        Checks.inRange(maxItems, 1, Integer.MAX_VALUE, "maxItems");
    }

    /**
     * For KRPC datagrams: libtorrent's DHT decodes them with a depth limit of 10 and 500 tokens, and
     * a string cannot be longer than a UDP datagram (64 KiB).
     */
    public static BencodeLimits defaults() {
        return new BencodeLimits(10, 65_535, 256, 500);
    }

    public BencodeLimits withMaxDepth(int value) {
        return new BencodeLimits(value, maxStringBytes, maxEntries, maxItems);
    }

    public BencodeLimits withMaxStringBytes(int value) {
        return new BencodeLimits(maxDepth, value, maxEntries, maxItems);
    }

    public BencodeLimits withMaxEntries(int value) {
        return new BencodeLimits(maxDepth, maxStringBytes, value, maxItems);
    }

    public BencodeLimits withMaxItems(int value) {
        return new BencodeLimits(maxDepth, maxStringBytes, maxEntries, value);
    }
}
