package io.chordia.transport.bencode;

import static io.chordia.transport.bencode.BencodeTrees.ascii;
import static io.chordia.transport.bencode.BencodeTrees.bytes;
import static io.chordia.transport.bencode.BencodeTrees.dict;
import static io.chordia.transport.bencode.BencodeTrees.integer;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.transport.bencode.BepExamples.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fuzzing oracle refuses what BEP 3 refuses; agreement with it would mean nothing otherwise. */
class ReferenceBencodeTest {

    @Test
    void acceptsTheExamples() {
        for (Example example : BepExamples.BEP_5) {
            assertThat(ReferenceBencode.decode(ascii(example.bencoded()))).as(example.name()).isEqualTo(example.value());
        }
        assertThat(ReferenceBencode.decode(ascii("d1:ai-3e1:b0:e"))).isEqualTo(dict("a", integer(-3), "b", bytes("")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "i03e", "i-0e", "ie", "i9223372036854775808e", "01:a", "3:ab", "d1:bi1e1:ai2ee",
        "d1:ai1e1:ai2ee", "di1ei2ee", "d1:ae", "i1ei2e", "l", "x"})
    void refusesWhatIsNotOneCanonicalValue(String input) {
        assertThat(ReferenceBencode.decode(ascii(input))).isNull();
    }
}
