package io.chordia.transport.bencode;

import io.chordia.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Random value trees: short binary and text strings, integers of every magnitude, shallow nesting. */
final class RandomBencode {
    private static final String KEY_LETTERS = "adeilnqrstvy";

    private final SplittableRandom random;

    RandomBencode(SplittableRandom random) {
        this.random = random;
    }

    BencodeValue next() {
        return value(0);
    }

    private BencodeValue value(int depth) {
        int kind = random.nextInt(depth >= 4 ? 2 : 4);
        switch (kind) {
            case 0:
                return new BencodeBytes(bytes());
            case 1:
                return new BencodeInteger(integer());
            case 2:
                List<BencodeValue> items = new ArrayList<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    items.add(value(depth + 1));
                }
                return new BencodeList(items);
            default:
                TreeMap<Bytes, BencodeValue> entries = new TreeMap<>(BencodeDictionary.KEY_ORDER);
                for (int n = random.nextInt(5); n > 0; n--) {
                    entries.put(key(), value(depth + 1));
                }
                return new BencodeDictionary(entries);
        }
    }

    private long integer() {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(-10, 11);
            case 1:
                return random.nextInt();
            case 2:
                return random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Long.MIN_VALUE + random.nextInt(3);
            default:
                return random.nextLong();
        }
    }

    private Bytes key() {
        if (random.nextInt(4) == 0) {
            return bytes();
        }
        StringBuilder key = new StringBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
            key.append(KEY_LETTERS.charAt(random.nextInt(KEY_LETTERS.length())));
        }
        return Bytes.ofUtf8(key.toString());
    }

    private Bytes bytes() {
        byte[] data = new byte[random.nextInt(random.nextBoolean() ? 4 : 30)];
        random.nextBytes(data);
        return Bytes.wrapOwned(data);
    }
}
