package io.chordia.transport.bencode;

import static io.chordia.transport.bencode.BencodeTrees.bytes;
import static io.chordia.transport.bencode.BencodeTrees.dict;
import static io.chordia.transport.bencode.BencodeTrees.integer;
import static io.chordia.transport.bencode.BencodeTrees.list;
import static io.chordia.transport.bencode.BencodeTrees.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.util.Bytes;
import java.util.Collections;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonical output and sizes known in advance. */
class BencodeEncoderTest {

    @ParameterizedTest
    @CsvSource({
        "0, i0e",
        "-1, i-1e",
        "10, i10e",
        "9223372036854775807, i9223372036854775807e",
        "-9223372036854775808, i-9223372036854775808e",
    })
    void integers(long value, String encoded) {
        assertThat(text(BencodeEncoder.encode(integer(value)))).isEqualTo(encoded);
        assertThat(integer(value).encodedSize()).isEqualTo(encoded.length());
    }

    @Test
    void stringLengthsAreDecimal() {
        String nine = "x".repeat(9);
        String ten = "x".repeat(10);

        assertThat(text(BencodeEncoder.encode(bytes(nine)))).isEqualTo("9:" + nine);
        assertThat(text(BencodeEncoder.encode(bytes(ten)))).isEqualTo("10:" + ten);
        assertThat(bytes(ten).encodedSize()).isEqualTo(13);
        assertThat(text(BencodeEncoder.encode(BencodeBytes.EMPTY))).isEqualTo("0:");
    }

    @Test
    void keysComeOutInRawByteOrderWhateverOrderTheyWentIn() {
        BencodeDictionary dictionary = dict("y", integer(1), "a", integer(2), "ab", integer(3), "B", integer(4), "", integer(5));

        assertThat(text(BencodeEncoder.encode(dictionary))).isEqualTo("d0:i5e1:Bi4e1:ai2e2:abi3e1:yi1ee");
    }

    /** A map sorted some other way (here: reversed) is re-sorted, so equal dictionaries encode the same. */
    @Test
    void aMapSortedAnotherWayIsResorted() {
        TreeMap<Bytes, BencodeValue> reversed = new TreeMap<>(Collections.reverseOrder(BencodeDictionary.KEY_ORDER));
        reversed.put(Bytes.ofUtf8("a"), integer(1));
        reversed.put(Bytes.ofUtf8("b"), integer(2));
        BencodeDictionary dictionary = new BencodeDictionary(reversed);

        assertThat(text(BencodeEncoder.encode(dictionary))).isEqualTo("d1:ai1e1:bi2ee");
        assertThat(dictionary).isEqualTo(dict("b", integer(2), "a", integer(1)));
    }

    @Test
    void unsignedKeyOrder() {
        BencodeDictionary dictionary = BencodeDictionary.builder()
                .put(Bytes.copyOf(new byte[] {(byte) 0x80}), integer(2))
                .put(Bytes.copyOf(new byte[] {0x7f}), integer(1))
                .build();

        assertThat(BencodeEncoder.encode(dictionary))
                .containsExactly('d', '1', ':', 0x7f, 'i', '1', 'e', '1', ':', 0x80, 'i', '2', 'e', 'e');
    }

    @Test
    void encodesIntoABufferOnlyWhenItFits() {
        BencodeValue value = list(bytes("spam"), integer(42));
        byte[] buffer = new byte[13];

        assertThat(BencodeEncoder.encode(value, buffer, 1)).isEqualTo(13);
        assertThat(text(buffer).substring(1)).isEqualTo("l4:spami42ee");
        byte[] small = new byte[11];
        assertThatThrownBy(() -> BencodeEncoder.encode(value, small, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(small).containsOnly(0);
    }

    @Test
    void sizesDoNotOverflowForHugeSharedValues() {
        BencodeBytes megabyte = new BencodeBytes(Bytes.wrapOwned(new byte[1 << 20]));
        BencodeList huge = new BencodeList(Collections.nCopies(3000, megabyte));

        assertThat(huge.encodedSize()).isEqualTo(2 + 3000L * (8 + (1 << 20)));
        assertThatThrownBy(() -> BencodeEncoder.encode(huge)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRefusesARepeatedKey() {
        assertThatThrownBy(() -> dict("a", integer(1), "a", integer(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreImmutable() {
        java.util.List<BencodeValue> items = new java.util.ArrayList<>();
        items.add(integer(1));
        BencodeList list = new BencodeList(items);
        items.add(integer(2));

        assertThat(list.items()).hasSize(1);
        assertThatThrownBy(() -> list.items().add(integer(3))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dict("a", integer(1)).entries().put(Bytes.ofUtf8("b"), integer(2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
