package io.chordia.transport.bencode;

/** Base-ten ASCII for lengths and integers, written straight into the output array (no String per number). */
final class AsciiDecimal {
    private AsciiDecimal() {}

    /** Characters in the decimal form of {@code value}, sign included. */
    static int length(long value) {
        int length = value < 0 ? 2 : 1;
        // Negative arithmetic, so Long.MIN_VALUE needs no special case.
        for (long rest = value < 0 ? value : -value; rest <= -10; rest /= 10) {
            length++;
        }
        return length;
    }

    /** Writes the decimal form of {@code value} at {@code offset}; returns the offset past it. */
    static int write(long value, byte[] target, int offset) {
        int end = offset + length(value);
        int at = end;
        long rest = value < 0 ? value : -value;
        do {
            target[--at] = (byte) ('0' - rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            target[--at] = '-';
        }
        return end;
    }
}
