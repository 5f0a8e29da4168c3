package io.chordia.transport.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming writer against the tree encoder: any value written call by call (keys in order)
 * is the tree's canonical encoding, and a key out of order is refused where it is written.
 */
class BencodeWriterTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomValuesWrittenCallByCallAreTheirCanonicalEncoding(long seed) {
        RandomBencode values = new RandomBencode(new SplittableRandom(seed));
        BencodeWriter writer = new BencodeWriter(1);
        for (int i = 0; i < 2000; i++) {
            BencodeValue value = values.next();
            write(value, writer.reset());

            assertThat(writer.isComplete()).isTrue();
            assertThat(writer.toByteArray()).as("seed %s value %s", seed, i).isEqualTo(BencodeEncoder.encode(value));
        }
    }

    @Test
    void bepExamplesWrittenCallByCallAreTheirBytes() {
        BencodeWriter writer = new BencodeWriter(16);
        for (BepExamples.Example example : BepExamples.BEP_5) {
            write(example.value(), writer.reset());
            assertThat(new String(writer.toByteArray(), StandardCharsets.ISO_8859_1)).as(example.name())
                    .isEqualTo(example.bencoded());
        }
    }

    @Test
    void aKeyNotAboveTheOneBeforeItIsRefused() {
        BencodeWriter writer = new BencodeWriter(16);
        writer.startDictionary().key("t").bytes("aa");
        assertThatThrownBy(() -> writer.key("a")).isInstanceOf(IllegalStateException.class).hasMessageContaining("'a' not above 't'");
        assertThatThrownBy(() -> writer.key("t")).isInstanceOf(IllegalStateException.class);
        // A prefix sorts before its extensions: "id" then "ip", never "ip" then "i".
        writer.reset().startDictionary().key("ip").bytes("x");
        assertThatThrownBy(() -> writer.key("i")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachDictionaryOrdersItsOwnKeys() {
        BencodeWriter writer = new BencodeWriter(16);
        writer.startDictionary().key("r").startDictionary().key("id").bytes("x").end().key("t").bytes("aa").end();
        assertThat(new String(writer.toByteArray(), StandardCharsets.ISO_8859_1)).isEqualTo("d1:rd2:id1:xe1:t2:aae");
        assertThatThrownBy(() -> new BencodeWriter(16).startList().key("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BencodeWriter(16).end()).isInstanceOf(IllegalStateException.class);
    }

    /** Walks a tree with the writer's calls; a dictionary with a key that is not ASCII is written whole. */
    private static void write(BencodeValue value, BencodeWriter writer) {
        if (value instanceof BencodeBytes bytes) {
            writer.bytes(bytes.value());
        } else if (value instanceof BencodeInteger integer) {
            writer.integer(integer.value());
        } else if (value instanceof BencodeList list) {
            writer.startList();
            list.items().forEach(item -> write(item, writer));
            writer.end();
        } else {
            BencodeDictionary dictionary = (BencodeDictionary) value;
            if (!dictionary.entries().keySet().stream().allMatch(BencodeWriterTest::isAscii)) {
                writer.value(dictionary);
                return;
            }
            writer.startDictionary();
            for (Map.Entry<Bytes, BencodeValue> entry : dictionary.entries().entrySet()) {
                writer.key(new String(entry.getKey().toArray(), StandardCharsets.ISO_8859_1));
                write(entry.getValue(), writer);
            }
            writer.end();
        }
    }

    private static boolean isAscii(Bytes key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.byteAt(i) < 0) {
                return false;
            }
        }
        return true;
    }
}
