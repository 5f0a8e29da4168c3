package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The reference model for fuzzing: BEP 3 read as plainly as possible (recursive descent, regular
 * expressions, Long.parseLong), with no limits and no care for cost. It decides only whether input
 * is exactly one canonical value with 64-bit integers, and what value.
 */
final class ReferenceBencode {
    private final byte[] in;
    private int pos;

    private ReferenceBencode(byte[] in) {
        this.in = in;
    }

    /** The value, or null when the input is not exactly one canonical value. */
    static BencodeValue decode(byte[] in) {
        ReferenceBencode reader = new ReferenceBencode(in);
        try {
            BencodeValue value = reader.value();
            return reader.pos == in.length ? value : null;
        } catch (Invalid | NumberFormatException e) {
            return null;
        }
    }

    private BencodeValue value() {
        byte c = at(pos);
        if (c == 'i') {
            String digits = textUpTo((byte) 'e', pos + 1);
            require(digits.matches("0|-?[1-9][0-9]*"));
            pos += digits.length() + 2;
            return new BencodeInteger(Long.parseLong(digits));
        }
        if (c == 'l') {
            pos++;
            List<BencodeValue> items = new ArrayList<>();
            while (at(pos) != 'e') {
                items.add(value());
            }
            pos++;
            return new BencodeList(items);
        }
        if (c == 'd') {
            pos++;
            TreeMap<Bytes, BencodeValue> entries = new TreeMap<>(BencodeDictionary.KEY_ORDER);
            byte[] previous = null;
            while (at(pos) != 'e') {
                require(at(pos) >= '0' && at(pos) <= '9');
                byte[] key = ((BencodeBytes) value()).value().toArray();
                require(previous == null || Arrays.compareUnsigned(previous, key) < 0);
                entries.put(Bytes.copyOf(key), value());
                previous = key;
            }
            pos++;
            return new BencodeDictionary(entries);
        }
        String digits = textUpTo((byte) ':', pos);
        require(digits.matches("0|[1-9][0-9]*"));
        long length = Long.parseLong(digits);
        int start = pos + digits.length() + 1;
        require(length <= in.length - start);
        pos = start + (int) length;
        return new BencodeBytes(Bytes.copyOf(in, start, (int) length));
    }

    private String textUpTo(byte delimiter, int from) {
        for (int i = from; i < in.length; i++) {
            if (in[i] == delimiter) {
                return new String(in, from, i - from, StandardCharsets.ISO_8859_1);
            }
        }
        throw new Invalid();
    }

    private byte at(int index) {
        require(index < in.length);
        return in[index];
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new Invalid();
        }
    }

    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }
}
