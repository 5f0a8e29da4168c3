package io.chordia.transport.bencode;

import java.nio.charset.StandardCharsets;

/** Short spellings of value trees for tests. */
final class BencodeTrees {
    private BencodeTrees() {}

    static BencodeBytes bytes(String text) {
        return BencodeBytes.of(text);
    }

    static BencodeInteger integer(long value) {
        return new BencodeInteger(value);
    }

    static BencodeList list(BencodeValue... items) {
        return BencodeList.of(items);
    }

    /** Keys and values alternating, keys as strings, in any order. */
    static BencodeDictionary dict(Object... keysAndValues) {
        BencodeDictionary.Builder builder = BencodeDictionary.builder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.put((String) keysAndValues[i], (BencodeValue) keysAndValues[i + 1]);
        }
        return builder.build();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
