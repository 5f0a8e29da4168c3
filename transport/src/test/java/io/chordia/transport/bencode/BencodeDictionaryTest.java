package io.chordia.transport.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A dictionary holds its entries in key order, a copy of what it was given, whichever way it was given them. */
class BencodeDictionaryTest {
    private static Bytes key(String text) {
        return Bytes.wrapOwned(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aMapInAnotherOrderIsSortedAndAMapInKeyOrderIsCopied() {
        TreeMap<Bytes, BencodeValue> reversed = new TreeMap<>(Comparator.comparing(Bytes::toString).reversed());
        TreeMap<Bytes, BencodeValue> inOrder = new TreeMap<>(BencodeDictionary.KEY_ORDER);
        for (String k : List.of("y", "t", "a", "q")) {
            reversed.put(key(k), new BencodeInteger(1));
            inOrder.put(key(k), new BencodeInteger(1));
        }
        BencodeDictionary fromReversed = new BencodeDictionary(reversed);
        BencodeDictionary fromInOrder = new BencodeDictionary(inOrder);
        inOrder.put(key("z"), new BencodeInteger(2));

        assertThat(fromReversed.entries().keySet()).containsExactly(key("a"), key("q"), key("t"), key("y"));
        assertThat(fromInOrder).as("a copy: later changes to the map do not show").isEqualTo(fromReversed);
    }

    @Test
    void aNullValueIsRefusedOnEitherPath() {
        TreeMap<Bytes, BencodeValue> inOrder = new TreeMap<>(BencodeDictionary.KEY_ORDER);
        inOrder.put(key("a"), null);
        assertThatThrownBy(() -> new BencodeDictionary(inOrder)).isInstanceOf(IllegalArgumentException.class);
        TreeMap<Bytes, BencodeValue> other = new TreeMap<>(Comparator.comparing(Bytes::toString));
        other.put(key("a"), null);
        assertThatThrownBy(() -> new BencodeDictionary(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookupsAndViewsFollowKeyOrder() {
        BencodeDictionary d = BencodeTrees.dict("a", integer(1), "id", integer(2), "ip", integer(3), "\u00e9", integer(4));

        assertThat(d.get("id")).isEqualTo(integer(2));
        assertThat(d.get(key("ip"))).isEqualTo(integer(3));
        assertThat(d.get("i")).isNull();
        assertThat(d.get("\u00e9")).as("a key that is not ASCII is looked up by its UTF-8").isEqualTo(integer(4));
        assertThat(d.entries().firstKey()).isEqualTo(key("a"));
        assertThat(d.entries().headMap(key("ip")).keySet()).containsExactly(key("a"), key("id"));
        assertThat(d.entries().tailMap(key("i")).keySet()).containsExactly(key("id"), key("ip"), Bytes.ofUtf8("\u00e9"));
        assertThat(d.entries().subMap(key("b"), key("iq")).keySet()).containsExactly(key("id"), key("ip"));
        assertThat(d.entries().subMap(key("b"), key("c"))).isEmpty();
        assertThat(d.entries().containsKey(key("id"))).isTrue();
        assertThat(d.entries()).isEqualTo(new TreeMap<>(d.entries()));
    }

    private static BencodeInteger integer(long value) {
        return new BencodeInteger(value);
    }
}
