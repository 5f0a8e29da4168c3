package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dictionary with byte-string keys, held (and encoded) in {@link #KEY_ORDER}, whatever order the
 * entries were given in: BEP 3 requires sorted keys, and one encoding per value is what lets a
 * signature (BEP 44) or a golden fixture pin the bytes.
 */
public record BencodeDictionary(SortedMap<Bytes, BencodeValue> entries) implements BencodeValue {
    /** Raw byte order: unsigned, byte by byte, a prefix before its extensions. */
    public static final Comparator<Bytes> KEY_ORDER = BencodeDictionary::compareKeys;

    public static final BencodeDictionary EMPTY = new BencodeDictionary(new TreeMap<>(KEY_ORDER));

    public BencodeDictionary {
        Checks.notNull(entries, "entries");
        TreeMap<Bytes, BencodeValue> sorted;
        if (entries.comparator() == KEY_ORDER) {
            // Already in key order (a Builder's, the parser's): TreeMap copies a sorted map in linear
            // time without comparing keys, where re-inserting cost every KRPC message n log n compares.
            for (Map.Entry<Bytes, BencodeValue> entry : entries.entrySet()) {
                Checks.notNull(entry.getKey(), "key");
                Checks.notNull(entry.getValue(), "value");
            }
            sorted = new TreeMap<>(entries);
        } else {
            sorted = new TreeMap<>(KEY_ORDER);
            for (Map.Entry<Bytes, BencodeValue> entry : entries.entrySet()) {
                sorted.put(Checks.notNull(entry.getKey(), "key"), Checks.notNull(entry.getValue(), "value"));
            }
        }
        entries = Collections.unmodifiableSortedMap(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value under {@code key}, or null. */
    public BencodeValue get(Bytes key) {
        return entries.get(key);
    }

    /** The value under the UTF-8 bytes of {@code key}, or null. */
    public BencodeValue get(String key) {
        return entries.get(Bytes.ofUtf8(key));
    }

    public int size() {
        return entries.size();
    }

    @Override
    public long encodedSize() {
        long size = 2;
        for (Map.Entry<Bytes, BencodeValue> entry : entries.entrySet()) {
            size += BencodeBytes.sizeOf(entry.getKey()) + entry.getValue().encodedSize();
        }
        return size;
    }

    @Override
    public int writeTo(byte[] target, int offset) {
        int at = offset;
        target[at++] = 'd';
        for (Map.Entry<Bytes, BencodeValue> entry : entries.entrySet()) {
            at = BencodeBytes.write(entry.getKey(), target, at);
            at = entry.getValue().writeTo(target, at);
        }
        target[at] = 'e';
        return at + 1;
    }

    static int compareKeys(Bytes a, Bytes b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            int order = Byte.compareUnsigned(a.byteAt(i), b.byteAt(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Collects entries in any order; a key given twice is a programming error. */
    public static final class Builder {
        private final TreeMap<Bytes, BencodeValue> entries = new TreeMap<>(KEY_ORDER);

        private Builder() {}

        public Builder put(Bytes key, BencodeValue value) {
            Checks.notNull(key, "key");
            Checks.notNull(value, "value");
            Checks.check(!entries.containsKey(key), "key %s given twice", key);
            entries.put(key, value);
            return this;
        }

        public Builder put(String key, BencodeValue value) {
            return put(Bytes.ofUtf8(key), value);
        }

        public BencodeDictionary build() {
            return new BencodeDictionary(entries);
        }
    }
}
