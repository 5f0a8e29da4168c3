package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * A dictionary's entries as two arrays sorted by {@link BencodeDictionary#KEY_ORDER}, immutable: a
 * KRPC message has a handful of keys, for which a binary search over an array is cheaper to build
 * and to read than a red-black tree of one node per entry. Views ({@link #subMap}) share the arrays.
 */
final class SortedEntries extends AbstractMap<Bytes, BencodeValue> implements SortedMap<Bytes, BencodeValue> {
    static final SortedEntries EMPTY = new SortedEntries(new Bytes[0], new BencodeValue[0], 0, 0);

    private final Bytes[] keys;
    private final BencodeValue[] values;
    private final int from;
    private final int to;

    /** Takes the arrays, whose first {@code size} keys the caller has sorted, without duplicates or nulls. */
    static SortedEntries ofSorted(Bytes[] keys, BencodeValue[] values, int size) {
        return size == 0 ? EMPTY : new SortedEntries(keys, values, 0, size);
    }

    private SortedEntries(Bytes[] keys, BencodeValue[] values, int from, int to) {
        this.keys = keys;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    /** The value under the key whose bytes are {@code asciiKey}'s characters, found without building the key. */
    BencodeValue getAscii(String asciiKey) {
        int low = from;
        int high = to - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = compareAscii(keys[mid], asciiKey);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return values[mid];
            }
        }
        return null;
    }

    /** The {@code i}th key in order, for loops that need no entry objects. */
    Bytes keyAt(int i) {
        return keys[from + i];
    }

    BencodeValue valueAt(int i) {
        return values[from + i];
    }

    @Override
    public BencodeValue get(Object key) {
        int at = key instanceof Bytes bytes ? indexOf(bytes) : -1;
        return at >= 0 ? values[at] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof Bytes bytes && indexOf(bytes) >= 0;
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public Set<Map.Entry<Bytes, BencodeValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Bytes, BencodeValue>> iterator() {
                return new Iterator<>() {
                    private int next = from;

                    @Override
                    public boolean hasNext() {
                        return next < to;
                    }

                    @Override
                    public Map.Entry<Bytes, BencodeValue> next() {
                        if (next >= to) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    @Override
    public Comparator<? super Bytes> comparator() {
        return BencodeDictionary.KEY_ORDER;
    }

    @Override
    public SortedMap<Bytes, BencodeValue> subMap(Bytes fromKey, Bytes toKey) {
        if (BencodeDictionary.KEY_ORDER.compare(fromKey, toKey) > 0) {
            throw new IllegalArgumentException("fromKey above toKey");
        }
        return range(lowerBound(fromKey), lowerBound(toKey));
    }

    @Override
    public SortedMap<Bytes, BencodeValue> headMap(Bytes toKey) {
        return range(from, lowerBound(toKey));
    }

    @Override
    public SortedMap<Bytes, BencodeValue> tailMap(Bytes fromKey) {
        return range(lowerBound(fromKey), to);
    }

    @Override
    public Bytes firstKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[from];
    }

    @Override
    public Bytes lastKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[to - 1];
    }

    private SortedMap<Bytes, BencodeValue> range(int start, int end) {
        return new SortedEntries(keys, values, start, Math.max(start, end));
    }

    private int indexOf(Bytes key) {
        int at = lowerBound(key);
        return at < to && BencodeDictionary.KEY_ORDER.compare(keys[at], key) == 0 ? at : -1;
    }

    /** The first index in range whose key is not below {@code key}. */
    private int lowerBound(Bytes key) {
        int low = from;
        int high = to;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (BencodeDictionary.KEY_ORDER.compare(keys[mid], key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Raw byte order between {@code key} and the bytes of an ASCII string. */
    private static int compareAscii(Bytes key, String ascii) {
        int common = Math.min(key.length(), ascii.length());
        for (int i = 0; i < common; i++) {
            int order = Integer.compare(key.byteAt(i) & 0xff, ascii.charAt(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(key.length(), ascii.length());
    }
}
