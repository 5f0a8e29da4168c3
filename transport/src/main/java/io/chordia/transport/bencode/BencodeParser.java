package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One decode: a loop over an explicit stack of open containers instead of recursion, so that the
 * depth limit, not the Java stack, decides how deep input may nest. Each step consumes at least one
 * byte, and no loop reads more than a bounded number of digits, so work is linear in the input.
 */
final class BencodeParser {
    private static final Bytes[] ONE_BYTE = new Bytes[256];

    static {
        for (int b = 0; b < ONE_BYTE.length; b++) {
            ONE_BYTE[b] = Bytes.wrapOwned(new byte[] {(byte) b});
        }
    }

    private final byte[] in;
    private final int start;
    private final int end;
    private final BencodeLimits limits;
    private final KeyOrder keyOrder;
    private final Container[] open;
    private int depth;
    private int pos;
    private int items;

    BencodeParser(byte[] in, int start, int end, BencodeLimits limits, KeyOrder keyOrder) {
        this.in = in;
        this.start = start;
        this.end = end;
        this.limits = limits;
        this.keyOrder = keyOrder;
        this.open = new Container[limits.maxDepth()];
        this.pos = start;
    }

    BencodeValue parse() throws BencodeException {
        return parse(true);
    }

    /** Where the value {@link #parse(boolean)} returned ends. */
    int position() {
        return pos;
    }

    /** The first value; with {@code whole}, refused unless it spans the slice to its end. */
    BencodeValue parse(boolean whole) throws BencodeException {
        while (true) {
            BencodeValue value = step();
            if (value == null) {
                continue;
            }
            if (depth == 0) {
                if (whole && pos != end) {
                    throw fail(Reason.TRAILING, "bytes after the value");
                }
                return value;
            }
            open[depth - 1].add(value);
        }
    }

    /** A finished value, or null after opening a container or reading a dictionary key. */
    private BencodeValue step() throws BencodeException {
        Container top = depth == 0 ? null : open[depth - 1];
        byte next = peek();
        if (top != null && top.awaitsEntry()) {
            if (next == 'e') {
                pos++;
                open[--depth] = null;
                return top.build();
            }
            countEntry(top);
            if (top.dictionary) {
                readKey(top);
                return null;
            }
        }
        countItem();
        if (next == 'i') {
            return readInteger();
        }
        if (next == 'l' || next == 'd') {
            openContainer(next == 'd');
            return null;
        }
        if (isDigit(next)) {
            int length = readLength();
            Bytes value = slice(pos, length);
            pos += length;
            return new BencodeBytes(value);
        }
        throw fail(Reason.MALFORMED, "not the start of a value");
    }

    private void openContainer(boolean dictionary) throws BencodeException {
        if (depth == limits.maxDepth()) {
            throw fail(Reason.TOO_DEEP, "nested deeper than the limit");
        }
        pos++;
        open[depth++] = new Container(dictionary);
    }

    private void readKey(Container dictionary) throws BencodeException {
        if (!isDigit(peek())) {
            throw fail(Reason.MALFORMED, "dictionary key is not a byte string");
        }
        countItem();
        int length = readLength();
        int keyStart = pos;
        if (keyOrder == KeyOrder.STRICT && dictionary.lastKeyLength >= 0
                && Arrays.compareUnsigned(in, dictionary.lastKeyStart, dictionary.lastKeyStart + dictionary.lastKeyLength,
                        in, keyStart, keyStart + length) >= 0) {
            throw fail(Reason.UNSORTED_KEYS, "key not above the one before it");
        }
        Bytes key = slice(keyStart, length);
        if (!dictionary.placeKey(key)) {
            throw fail(Reason.UNSORTED_KEYS, "key repeated");
        }
        dictionary.lastKeyStart = keyStart;
        dictionary.lastKeyLength = length;
        pos += length;
    }

    /** Reads {@code <digits>:}, refusing a length above the limit or past the end before anything is allocated. */
    private int readLength() throws BencodeException {
        int digitsStart = pos;
        long length = 0;
        while (true) {
            byte c = peek();
            if (c == ':') {
                break;
            }
            if (!isDigit(c)) {
                throw fail(Reason.MALFORMED, "string length is not a number");
            }
            if (pos > digitsStart && in[digitsStart] == '0') {
                throw fail(Reason.MALFORMED, "leading zero in a string length");
            }
            length = length * 10 + (c - '0');
            if (length > limits.maxStringBytes()) {
                throw fail(Reason.TOO_LONG, "string longer than the limit");
            }
            pos++;
        }
        pos++;
        if (length > end - pos) {
            throw fail(Reason.TRUNCATED, "string runs past the end");
        }
        return (int) length;
    }

    private BencodeInteger readInteger() throws BencodeException {
        pos++;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int digitsStart = pos;
        long negated = 0; // accumulated below zero, so Long.MIN_VALUE fits
        while (true) {
            byte c = peek();
            if (c == 'e') {
                break;
            }
            if (!isDigit(c)) {
                throw fail(Reason.MALFORMED, "integer is not a number");
            }
            if (pos > digitsStart && in[digitsStart] == '0') {
                throw fail(Reason.MALFORMED, "leading zero in an integer");
            }
            int digit = c - '0';
            if (negated < (Long.MIN_VALUE + digit) / 10) {
                throw fail(Reason.TOO_LONG, "integer beyond 64 bits");
            }
            negated = negated * 10 - digit;
            pos++;
        }
        if (pos == digitsStart) {
            throw fail(Reason.MALFORMED, "integer without digits");
        }
        if (negative && negated == 0) {
            throw fail(Reason.MALFORMED, "negative zero");
        }
        if (!negative && negated == Long.MIN_VALUE) {
            throw fail(Reason.TOO_LONG, "integer beyond 64 bits");
        }
        pos++;
        return new BencodeInteger(negative ? negated : -negated);
    }

    private void countEntry(Container container) throws BencodeException {
        if (container.size() == limits.maxEntries()) {
            throw fail(Reason.TOO_MANY, "more entries than the limit");
        }
    }

    private void countItem() throws BencodeException {
        if (items == limits.maxItems()) {
            throw fail(Reason.TOO_MANY, "more items than the limit");
        }
        items++;
    }

    private byte peek() throws BencodeException {
        if (pos == end) {
            throw fail(Reason.TRUNCATED, "input ends inside a value");
        }
        return in[pos];
    }

    /**
     * The range is already checked against the input, which Bytes.copyOf would check again, boxing
     * its arguments. One-byte strings (KRPC's keys t, y, q, a, r and values q, r, e) are shared.
     */
    private Bytes slice(int from, int length) {
        if (length <= 1) {
            return length == 0 ? Bytes.EMPTY : ONE_BYTE[in[from] & 0xff];
        }
        return Bytes.wrapOwned(Arrays.copyOfRange(in, from, from + length));
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private BencodeException fail(Reason reason, String detail) {
        return new BencodeException(reason, pos - start, detail);
    }

    /**
     * An open list or dictionary; a dictionary between a key and its value holds the key's place.
     * A dictionary's keys are kept sorted as they come: in order (as BEP 3 has them) each goes at
     * the end; one out of order (allowed by {@link KeyOrder#ANY}) is inserted at its place, a shift
     * of at most {@link BencodeLimits#maxEntries()} references.
     */
    private static final class Container {
        private static final int FIRST_CAPACITY = 8;

        final boolean dictionary;
        final List<BencodeValue> list;
        Bytes[] keys;
        BencodeValue[] values;
        int entries;
        /** Where the value of the key just read goes, or -1 when a key is awaited. */
        int pending = -1;
        int lastKeyStart;
        int lastKeyLength = -1;

        Container(boolean dictionary) {
            this.dictionary = dictionary;
            this.list = dictionary ? null : new ArrayList<>();
            if (dictionary) {
                keys = new Bytes[FIRST_CAPACITY];
                values = new BencodeValue[FIRST_CAPACITY];
            }
        }

        boolean awaitsEntry() {
            return pending < 0;
        }

        int size() {
            return dictionary ? entries : list.size();
        }

        /** Makes room for {@code key} at its place in order; false if it is already there. */
        boolean placeKey(Bytes key) {
            int at = entries;
            if (entries > 0 && BencodeDictionary.compareKeys(keys[entries - 1], key) >= 0) {
                at = Arrays.binarySearch(keys, 0, entries, key, BencodeDictionary.KEY_ORDER);
                if (at >= 0) {
                    return false;
                }
                at = -at - 1;
            }
            if (entries == keys.length) {
                keys = Arrays.copyOf(keys, entries * 2);
                values = Arrays.copyOf(values, entries * 2);
            }
            System.arraycopy(keys, at, keys, at + 1, entries - at);
            System.arraycopy(values, at, values, at + 1, entries - at);
            keys[at] = key;
            values[at] = null;
            entries++;
            pending = at;
            return true;
        }

        void add(BencodeValue value) {
            if (dictionary) {
                values[pending] = value;
                pending = -1;
            } else {
                list.add(value);
            }
        }

        BencodeValue build() {
            return dictionary ? new BencodeDictionary(SortedEntries.ofSorted(keys, values, entries))
                    : new BencodeList(list);
        }
    }
}
