package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dictionary with byte-string keys, held (and encoded) in {@link #KEY_ORDER}, whatever order the
 * entries were given in: BEP 3 requires sorted keys, and one encoding per value is what lets a
 * signature (BEP 44) or a golden fixture pin the bytes. The entries are an immutable sorted array
 * (found by binary search), not a tree: KRPC's dictionaries have a few keys each.
 */
public record BencodeDictionary(SortedMap<Bytes, BencodeValue> entries) implements BencodeValue {
    /** Raw byte order: unsigned, byte by byte, a prefix before its extensions. */
    public static final Comparator<Bytes> KEY_ORDER = BencodeDictionary::compareKeys;

    public static final BencodeDictionary EMPTY = new BencodeDictionary(SortedEntries.EMPTY);

    public BencodeDictionary {
        Checks.notNull(entries, "entries");
        if (!(entries instanceof SortedEntries)) {
            entries = copy(entries);
        }
    }

    /**
     * {@code entries} in key order as immutable {@link SortedEntries}: a map already in key order (a
     * Builder's) is copied in its order, in linear time; one in any other order is sorted first.
     */
    private static SortedEntries copy(SortedMap<Bytes, BencodeValue> entries) {
        SortedMap<Bytes, BencodeValue> sorted = entries;
        if (entries.comparator() != KEY_ORDER) {
            sorted = new TreeMap<>(KEY_ORDER);
            for (Map.Entry<Bytes, BencodeValue> entry : entries.entrySet()) {
                sorted.put(Checks.notNull(entry.getKey(), "key"), Checks.notNull(entry.getValue(), "value"));
            }
        }
        Bytes[] keys = new Bytes[sorted.size()];
        BencodeValue[] values = new BencodeValue[keys.length];
        int size = 0;
        for (Map.Entry<Bytes, BencodeValue> entry : sorted.entrySet()) {
            keys[size] = Checks.notNull(entry.getKey(), "key");
            values[size++] = Checks.notNull(entry.getValue(), "value");
        }
        return SortedEntries.ofSorted(keys, values, size);
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
        return isAscii(key) ? ((SortedEntries) entries).getAscii(key) : entries.get(Bytes.ofUtf8(key));
    }

    public int size() {
        return entries.size();
    }

    @Override
    public long encodedSize() {
        SortedEntries sorted = (SortedEntries) entries;
        long size = 2;
        for (int i = 0; i < sorted.size(); i++) {
            size += BencodeBytes.sizeOf(sorted.keyAt(i)) + sorted.valueAt(i).encodedSize();
        }
        return size;
    }

    @Override
    public int writeTo(byte[] target, int offset) {
        int at = offset;
        target[at++] = 'd';
        SortedEntries sorted = (SortedEntries) entries;
        for (int i = 0; i < sorted.size(); i++) {
            at = BencodeBytes.write(sorted.keyAt(i), target, at);
            at = sorted.valueAt(i).writeTo(target, at);
        }
        target[at] = 'e';
        return at + 1;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
