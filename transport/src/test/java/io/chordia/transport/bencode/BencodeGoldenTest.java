package io.chordia.transport.bencode;

import static io.chordia.transport.bencode.BencodeTrees.ascii;
import static io.chordia.transport.bencode.BencodeTrees.bytes;
import static io.chordia.transport.bencode.BencodeTrees.dict;
import static io.chordia.transport.bencode.BencodeTrees.integer;
import static io.chordia.transport.bencode.BencodeTrees.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.transport.bencode.BepExamples.Example;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins the codec to the bytes of BEP 5's example packets and BEP 44's test vectors, both ways. */
class BencodeGoldenTest {
    private final BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults());

    static Stream<Example> examples() {
        return Stream.concat(BepExamples.BEP_5.stream(), Stream.of(BepExamples.ANNOUNCE_PEER_IMPLIED_PORT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodesTheExample(Example example) throws Exception {
        assertThat(decoder.decode(ascii(example.bencoded()))).isEqualTo(example.value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void encodesTheValueToTheExampleBytes(Example example) {
        assertThat(text(BencodeEncoder.encode(example.value()))).isEqualTo(example.bencoded());
        assertThat(example.value().encodedSize()).isEqualTo(example.bencoded().length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodesTheExampleFromTheMiddleOfABuffer(Example example) throws Exception {
        byte[] golden = ascii(example.bencoded());
        byte[] buffer = new byte[golden.length + 7];
        System.arraycopy(golden, 0, buffer, 3, golden.length);
        buffer[2] = 'x';
        buffer[3 + golden.length] = 'e';

        assertThat(decoder.decode(buffer, 3, golden.length)).isEqualTo(example.value());
        byte[] encoded = new byte[golden.length + 5];
        assertThat(BencodeEncoder.encode(example.value(), encoded, 5)).isEqualTo(encoded.length);
        assertThat(text(encoded).substring(5)).isEqualTo(example.bencoded());
    }

    @Test
    void bep44ImmutableTargetIsTheSha1OfTheEncodedValue() throws Exception {
        BencodeValue value = decoder.decode(ascii(BepExamples.BEP_44_VALUE));

        assertThat(value).isEqualTo(bytes("Hello World!"));
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(BencodeEncoder.encode(value));
        assertThat(HexFormat.of().formatHex(sha1)).isEqualTo(BepExamples.BEP_44_IMMUTABLE_TARGET);
    }

    /**
     * BEP 44 signs the entries of {salt, seq, v} concatenated: canonical key order makes that the
     * body of the dictionary's encoding, whatever order the entries were given in.
     */
    @Test
    void bep44SignedBuffersAreTheBodyOfTheCanonicalDictionary() throws Exception {
        assertThat(body(dict("v", bytes("Hello World!"), "seq", integer(1)))).isEqualTo(BepExamples.BEP_44_SIGNED);
        assertThat(body(dict("v", bytes("Hello World!"), "seq", integer(1), "salt", bytes("foobar"))))
                .isEqualTo(BepExamples.BEP_44_SIGNED_WITH_SALT);
        assertThat(body(dict("seq", integer(4), "v", bytes("Hello world!")))).isEqualTo(BepExamples.BEP_44_PROSE_SIGNED);
        assertThat(body(dict("salt", bytes("foobar"), "v", bytes("Hello world!"), "seq", integer(4))))
                .isEqualTo(BepExamples.BEP_44_PROSE_SIGNED_WITH_SALT);
        assertThat(decoder.decode(ascii("d" + BepExamples.BEP_44_SIGNED_WITH_SALT + "e")))
                .isEqualTo(dict("salt", bytes("foobar"), "seq", integer(1), "v", bytes("Hello World!")));
    }

    private static String body(BencodeDictionary dictionary) {
        String encoded = text(BencodeEncoder.encode(dictionary));
        assertThat(encoded).startsWith("d").endsWith("e");
        return encoded.substring(1, encoded.length() - 1);
    }
}
