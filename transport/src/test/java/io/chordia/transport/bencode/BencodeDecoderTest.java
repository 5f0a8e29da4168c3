package io.chordia.transport.bencode;

import static io.chordia.transport.bencode.BencodeTrees.ascii;
import static io.chordia.transport.bencode.BencodeTrees.bytes;
import static io.chordia.transport.bencode.BencodeTrees.dict;
import static io.chordia.transport.bencode.BencodeTrees.integer;
import static io.chordia.transport.bencode.BencodeTrees.list;
import static io.chordia.transport.bencode.BencodeTrees.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict parsing, one rule at a time, and each limit at its edge. */
class BencodeDecoderTest {
    private final BencodeDecoder strict = new BencodeDecoder(BencodeLimits.defaults());

    @ParameterizedTest
    @CsvSource({
        "i0e, 0",
        "i7e, 7",
        "i-7e, -7",
        "i6881e, 6881",
        "i9223372036854775807e, 9223372036854775807",
        "i-9223372036854775808e, -9223372036854775808",
    })
    void acceptsCanonicalIntegers(String input, long value) throws Exception {
        assertThat(strict.decode(ascii(input))).isEqualTo(integer(value));
    }

    @ParameterizedTest
    @CsvSource({
        "i03e, MALFORMED",
        "i00e, MALFORMED",
        "i-0e, MALFORMED",
        "i-03e, MALFORMED",
        "ie, MALFORMED",
        "i-e, MALFORMED",
        "i+1e, MALFORMED",
        "i1.5e, MALFORMED",
        "i 1e, MALFORMED",
        "i--1e, MALFORMED",
        "i9223372036854775808e, TOO_LONG",
        "i-9223372036854775809e, TOO_LONG",
        "i99999999999999999999999999e, TOO_LONG",
        "i12, TRUNCATED",
        "i-, TRUNCATED",
    })
    void refusesNonCanonicalIntegers(String input, Reason reason) {
        assertRefused(strict, input, reason);
    }

    @ParameterizedTest
    @CsvSource({
        "01:a, MALFORMED",
        "00:, MALFORMED",
        "1a:b, MALFORMED",
        "-1:a, MALFORMED",
        "3:ab, TRUNCATED",
        "3, TRUNCATED",
        "0, TRUNCATED",
    })
    void refusesBadStrings(String input, Reason reason) {
        assertRefused(strict, input, reason);
    }

    @Test
    void acceptsEmptyThings() throws Exception {
        assertThat(strict.decode(ascii("0:"))).isEqualTo(BencodeBytes.EMPTY);
        assertThat(strict.decode(ascii("le"))).isEqualTo(list());
        assertThat(strict.decode(ascii("de"))).isEqualTo(BencodeDictionary.EMPTY);
        assertThat(strict.decode(ascii("d0:0:e"))).isEqualTo(dict("", BencodeBytes.EMPTY));
    }

    @Test
    void stringsAreBinary() throws Exception {
        byte[] input = {'3', ':', 0, (byte) 0xff, 'e'};
        assertThat(strict.decode(input)).isEqualTo(new BencodeBytes(Bytes.copyOf(new byte[] {0, (byte) 0xff, 'e'})));
    }

    @ParameterizedTest
    @CsvSource({
        "'', TRUNCATED",
        "x, MALFORMED",
        "e, MALFORMED",
        "l, TRUNCATED",
        "li1e, TRUNCATED",
        "d1:a, TRUNCATED",
        "d1:ae, MALFORMED",
        "di1ei2ee, MALFORMED",
        "dli1eei2ee, MALFORMED",
        "i1ei2e, TRAILING",
        "lee, TRAILING",
        "0:0:, TRAILING",
        "'4:spam ', TRAILING",
    })
    void refusesBrokenStructure(String input, Reason reason) {
        assertRefused(strict, input, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"d1:bi1e1:ai2ee", "d1:ai1e1:ai2ee", "d2:abi1e1:ai2ee", "d1:a1:x2:ab1:y1:a1:ze", "d1:ad1:bi1e1:ai2eee"})
    void strictRefusesKeysNotStrictlyAscending(String input) {
        assertRefused(strict, input, Reason.UNSORTED_KEYS);
    }

    /** Raw byte order is unsigned: a signed comparison would put 0x80 before 0x7f. */
    @Test
    void keyOrderIsUnsigned() throws Exception {
        byte[] sorted = {'d', '1', ':', 0x7f, 'i', '1', 'e', '1', ':', (byte) 0x80, 'i', '2', 'e', 'e'};
        byte[] reversed = {'d', '1', ':', (byte) 0x80, 'i', '2', 'e', '1', ':', 0x7f, 'i', '1', 'e', 'e'};

        BencodeValue value = strict.decode(sorted);
        assertThat(BencodeEncoder.encode(value)).isEqualTo(sorted);
        assertThatThrownBy(() -> strict.decode(reversed))
                .isInstanceOfSatisfying(BencodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSORTED_KEYS));
    }

    @Test
    void anyOrderAcceptsUnsortedKeysButNotRepeatedOnes() throws Exception {
        BencodeDecoder lenient = new BencodeDecoder(BencodeLimits.defaults(), KeyOrder.ANY);

        BencodeValue value = lenient.decode(ascii("d1:q4:ping1:ad2:id2:xxe1:t2:aa1:y1:qe"));
        assertThat(value).isEqualTo(dict("t", bytes("aa"), "y", bytes("q"), "q", bytes("ping"), "a", dict("id", bytes("xx"))));
        assertThat(text(BencodeEncoder.encode(value))).isEqualTo("d1:ad2:id2:xxe1:q4:ping1:t2:aa1:y1:qe");
        assertRefused(lenient, "d1:bi1e1:ai2e1:bi3ee", Reason.UNSORTED_KEYS);
        assertRefused(lenient, "d1:ai1e1:ai1ee", Reason.UNSORTED_KEYS);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void anyOrderSortsEveryPermutationAndFindsARepeatAnywhere(long seed) throws Exception {
        BencodeDecoder lenient = new BencodeDecoder(BencodeLimits.defaults(), KeyOrder.ANY);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(Integer.toString(i, 36) + (i % 3 == 0 ? "x" : ""));
        }
        java.util.TreeMap<Bytes, BencodeValue> sorted = new java.util.TreeMap<>(BencodeDictionary.KEY_ORDER);
        keys.forEach(k -> sorted.put(Bytes.ofUtf8(k), integer(k.length())));
        for (int round = 0; round < 50; round++) {
            java.util.Collections.shuffle(keys, new java.util.Random(random.nextLong()));
            StringBuilder input = new StringBuilder("d");
            keys.forEach(k -> input.append(k.length()).append(':').append(k).append('i').append(k.length()).append('e'));

            assertThat(lenient.decode(ascii(input + "e"))).isEqualTo(new BencodeDictionary(sorted));
            String repeated = keys.get(random.nextInt(keys.size()));
            assertRefused(lenient, input + "" + repeated.length() + ":" + repeated + "i0ee", Reason.UNSORTED_KEYS);
        }
    }

    @Test
    void depthLimitCountsOpenContainers() throws Exception {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults().withMaxDepth(3));

        assertThat(decoder.decode(ascii("llleee"))).isEqualTo(list(list(list())));
        assertThat(decoder.decode(ascii("d1:ad1:bleee"))).isEqualTo(dict("a", dict("b", list())));
        assertThat(decoder.decode(ascii("llelelee"))).isEqualTo(list(list(), list(), list()));
        assertRefused(decoder, "lllleeee", Reason.TOO_DEEP);
        assertRefused(decoder, "d1:ad1:bd1:cdeeee", Reason.TOO_DEEP);
    }

    @Test
    void stringLimitIsCheckedAgainstTheDeclaredLength() throws Exception {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults().withMaxStringBytes(4));

        assertThat(decoder.decode(ascii("4:spam"))).isEqualTo(bytes("spam"));
        assertRefused(decoder, "5:spams", Reason.TOO_LONG);
        assertRefused(decoder, "5:", Reason.TOO_LONG);
        assertRefused(decoder, "d5:spamsi1ee", Reason.TOO_LONG);
    }

    @Test
    void entryLimitCountsListItemsAndDictionaryPairs() throws Exception {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults().withMaxEntries(2));

        assertThat(decoder.decode(ascii("li1ei2ee"))).isEqualTo(list(integer(1), integer(2)));
        assertThat(decoder.decode(ascii("d1:ai1e1:bi2ee"))).isEqualTo(dict("a", integer(1), "b", integer(2)));
        assertThat(decoder.decode(ascii("lli1ei2eeli3ei4eee"))).isEqualTo(
                list(list(integer(1), integer(2)), list(integer(3), integer(4))));
        assertRefused(decoder, "li1ei2ei3ee", Reason.TOO_MANY);
        assertRefused(decoder, "d1:ai1e1:bi2e1:ci3ee", Reason.TOO_MANY);
    }

    @Test
    void itemLimitCountsEveryValueAndKey() throws Exception {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults().withMaxItems(3));

        assertThat(decoder.decode(ascii("li1ei2ee"))).isEqualTo(list(integer(1), integer(2)));
        assertThat(decoder.decode(ascii("d1:ai1ee"))).isEqualTo(dict("a", integer(1)));
        assertRefused(decoder, "li1ei2ei3ee", Reason.TOO_MANY);
        assertRefused(decoder, "d1:ai1e1:bi2ee", Reason.TOO_MANY);
    }

    @Test
    void exceptionSaysWhereInTheSlice() {
        byte[] buffer = ascii("xxxxli1e03:abcexxx");

        assertThatThrownBy(() -> strict.decode(buffer, 4, 11))
                .isInstanceOfSatisfying(BencodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.offset()).isEqualTo(5);
                    assertThat(e.getMessage()).startsWith("MALFORMED at byte 5");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void neverWritesToItsInput() throws Exception {
        byte[] input = ascii(BepExamples.PING_QUERY.bencoded());
        byte[] before = input.clone();

        strict.decode(input);
        assertThat(input).isEqualTo(before);
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> BencodeLimits.defaults().withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BencodeLimits.defaults().withMaxDepth(BencodeLimits.MAX_DEPTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BencodeLimits.defaults().withMaxStringBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BencodeLimits.defaults().withMaxItems(0)).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertRefused(BencodeDecoder decoder, String input, Reason reason) {
        assertThatThrownBy(() -> decoder.decode(ascii(input)))
                .as("%s", input)
                .isInstanceOfSatisfying(BencodeException.class, e -> assertThat(e.reason()).as("%s: %s", input, e).isEqualTo(reason));
    }

    @Test
    void aPrefixIsTheFirstValueAndItsLengthWhateverFollows() throws Exception {
        byte[] data = ascii("d8:msg_typei1e5:piecei0eeRAW BYTES");
        BencodeDecoder.Prefix p = strict.decodePrefix(data, 0, data.length);
        assertThat(p.length()).isEqualTo(25);
        assertThat(((BencodeDictionary) p.value()).get("piece")).isEqualTo(integer(0));
        assertThat(strict.decodePrefix(ascii("i7e"), 0, 3)).isEqualTo(new BencodeDecoder.Prefix(integer(7), 3));
        assertThatThrownBy(() -> strict.decodePrefix(ascii("d5:piecei"), 0, 9))
                .isInstanceOfSatisfying(BencodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }
}
