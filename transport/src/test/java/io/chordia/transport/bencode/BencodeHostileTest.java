package io.chordia.transport.bencode;

import static io.chordia.transport.bencode.BencodeTrees.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.chordia.transport.bencode.BencodeException.Reason;
import io.chordia.transport.bencode.BepExamples.Example;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17 item 5's hostile inputs: each is refused under the expected reason, allocates a bounded
 * amount whatever it declares (measured with the thread's allocation counter, not the clock), and
 * leaves the decoder answering the next datagram.
 */
class BencodeHostileTest {
    private static final int MILLION = 1_000_000;
    /** What a refused decode may allocate: a fraction of what any of these inputs asks for. */
    private static final long ALLOCATION_BOUND = 256 * 1024;

    private static final BencodeLimits DEFAULTS = BencodeLimits.defaults();
    private static final BencodeLimits ROOMY = new BencodeLimits(BencodeLimits.MAX_DEPTH, Integer.MAX_VALUE, 1 << 20, 1 << 20);

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("declared length 2^31", DEFAULTS, ascii("2147483648:spam"), Reason.TOO_LONG),
                Arguments.of("declared length 2^31, no string limit", ROOMY, ascii("2147483648:spam"), Reason.TOO_LONG),
                Arguments.of("declared length 2^31 - 1, no string limit", ROOMY, ascii("2147483647:spam"), Reason.TRUNCATED),
                Arguments.of("declared length 2^31 as a key", DEFAULTS, ascii("d2147483648:spami1ee"), Reason.TOO_LONG),
                Arguments.of("declared length within the limit, past the end", DEFAULTS, ascii("60000:spam"), Reason.TRUNCATED),
                Arguments.of("a million digits of length", ROOMY, repeat("", "9", MILLION, ":"), Reason.TOO_LONG),
                Arguments.of("a million digits of integer", ROOMY, repeat("i", "9", MILLION, "e"), Reason.TOO_LONG),
                Arguments.of("a million leading zeros", ROOMY, repeat("i", "0", MILLION, "1e"), Reason.MALFORMED),
                Arguments.of("a million nested lists", DEFAULTS, repeat("", "l", MILLION, ""), Reason.TOO_DEEP),
                Arguments.of("a million nested lists, closed", DEFAULTS, repeat("", "l", MILLION, "e".repeat(MILLION)), Reason.TOO_DEEP),
                Arguments.of("a million nested lists, deepest limit", ROOMY, repeat("", "l", MILLION, ""), Reason.TOO_DEEP),
                Arguments.of("a million nested dictionaries", DEFAULTS, repeat("", "d1:a", MILLION, ""), Reason.TOO_DEEP),
                Arguments.of("a million empty strings in a list", DEFAULTS, repeat("l", "0:", MILLION, "e"), Reason.TOO_MANY),
                Arguments.of("a million empty strings, only the item limit",
                        DEFAULTS.withMaxEntries(Integer.MAX_VALUE), repeat("l", "0:", MILLION, "e"), Reason.TOO_MANY),
                Arguments.of("a million empty lists in a list", DEFAULTS, repeat("l", "le", MILLION, "e"), Reason.TOO_MANY),
                Arguments.of("a million entries in a dictionary", DEFAULTS, dictionaryOfAMillion(), Reason.TOO_MANY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void refusedUnderItsReasonWithBoundedMemory(String name, BencodeLimits limits, byte[] input, Reason reason) throws Exception {
        BencodeDecoder decoder = new BencodeDecoder(limits);
        assertRefused(decoder, input, reason); // warm-up: classes loaded outside the measurement

        long allocated = AllocationMeter.bytesAllocatedBy(() -> assertRefused(decoder, input, reason));

        assertThat(allocated).as("%s allocated", name).isLessThan(ALLOCATION_BOUND);
        stillAnswers(decoder);
    }

    /** The meter itself: an allocation of the size a naive decoder makes is seen. */
    @Test
    void meterSeesALargeAllocation() throws Exception {
        byte[][] sink = new byte[1][];

        long allocated = AllocationMeter.bytesAllocatedBy(() -> sink[0] = new byte[1 << 20]);

        assertThat(allocated).isGreaterThanOrEqualTo(1 << 20).isGreaterThan(ALLOCATION_BOUND);
    }

    static Stream<Arguments> truncations() {
        return Stream.concat(BepExamples.BEP_5.stream(), Stream.of(BepExamples.ANNOUNCE_PEER_IMPLIED_PORT))
                .map(example -> Arguments.of(example));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncations")
    void everyTruncationOfAnExampleIsTruncated(Example example) throws Exception {
        BencodeDecoder decoder = new BencodeDecoder(DEFAULTS);
        byte[] golden = ascii(example.bencoded());
        for (int length = 0; length < golden.length; length++) {
            try {
                decoder.decode(golden, 0, length);
                fail("%s cut to %s bytes was accepted", example, length);
            } catch (BencodeException e) {
                assertThat(e.reason()).as("%s cut to %s bytes: %s", example, length, e).isEqualTo(Reason.TRUNCATED);
            }
        }
        stillAnswers(decoder);
    }

    private static void assertRefused(BencodeDecoder decoder, byte[] input, Reason reason) {
        try {
            decoder.decode(input);
            fail("accepted");
        } catch (BencodeException e) {
            if (e.reason() != reason) {
                fail("refused as %s, expected %s", e, reason);
            }
        }
    }

    private static void stillAnswers(BencodeDecoder decoder) throws BencodeException {
        assertThat(decoder.decode(ascii(BepExamples.PING_QUERY.bencoded()))).isEqualTo(BepExamples.PING_QUERY.value());
    }

    private static byte[] repeat(String head, String unit, int times, String tail) {
        return ascii(head + unit.repeat(times) + tail);
    }

    /** d, then keys 0000000..0999999 (ascending, 7 bytes each) with empty values, then e. */
    private static byte[] dictionaryOfAMillion() {
        StringBuilder text = new StringBuilder(12 * MILLION).append('d');
        for (int i = 0; i < MILLION; i++) {
            text.append("7:").append(String.format(java.util.Locale.ROOT, "%07d", i)).append("0:");
        }
        byte[] input = ascii(text.append('e').toString());
        assertThat(Arrays.copyOf(input, 15)).isEqualTo(ascii("d7:00000000:7:0"));
        return input;
    }
}
