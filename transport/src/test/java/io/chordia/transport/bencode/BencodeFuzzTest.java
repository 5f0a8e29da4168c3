package io.chordia.transport.bencode;

import static io.chordia.transport.bencode.BencodeTrees.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.chordia.transport.bencode.BencodeException.Reason;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Truncated, bit-flipped, spliced and restructured encodings of the BEP examples and of random
 * values: the decoder throws nothing but {@link BencodeException}, never writes to its input,
 * accepts exactly what the {@link ReferenceBencode} model accepts (with the same value), and what it
 * accepts re-encodes to the very bytes it came from.
 */
class BencodeFuzzTest {
    private static final int INPUTS_PER_SEED = 20_000;
    private static final String STRUCTURE = "ildes:-0123456789e";
    private static final List<byte[]> EXAMPLES = BepExamples.BEP_5.stream()
            .map(example -> ascii(example.bencoded())).collect(Collectors.toList());

    /** Limits no input here reaches, so only the format decides. */
    private final BencodeDecoder unlimited =
            new BencodeDecoder(new BencodeLimits(BencodeLimits.MAX_DEPTH, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
    private final BencodeDecoder defaults = new BencodeDecoder(BencodeLimits.defaults());
    private final BencodeDecoder anyOrder = new BencodeDecoder(BencodeLimits.defaults(), KeyOrder.ANY);

    @ParameterizedTest
    @ValueSource(longs = {17L, 2026L})
    void mutantsAreRefusedOrCanonicalAndAgreeWithTheReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RandomBencode values = new RandomBencode(random);
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        int accepted = 0;
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            byte[] original = random.nextBoolean()
                    ? EXAMPLES.get(random.nextInt(EXAMPLES.size())) : BencodeEncoder.encode(values.next());
            byte[] input = mutate(random, original, EXAMPLES.get(random.nextInt(EXAMPLES.size())));
            byte[] before = input.clone();
            String where = "seed " + seed + " input " + i + " " + Arrays.toString(input);

            BencodeValue expected = ReferenceBencode.decode(input);
            BencodeValue decoded = decodeOrCount(unlimited, input, reasons, where);
            assertThat(decoded).as("%s against the reference", where).isEqualTo(expected);
            if (decoded != null) {
                accepted++;
                assertThat(BencodeEncoder.encode(decoded)).as("%s re-encodes", where).isEqualTo(input);
                assertThat(decoded.encodedSize()).as(where).isEqualTo(input.length);
            }
            BencodeValue bounded = decodeOrCount(defaults, input, reasons, where);
            if (bounded != null) {
                assertThat(bounded).as(where).isEqualTo(expected);
            }
            BencodeValue lenient = decodeOrCount(anyOrder, input, reasons, where);
            if (bounded != null) {
                assertThat(lenient).as("%s: any order accepts what strict does", where).isEqualTo(bounded);
            }
            assertThat(input).as("%s was modified", where).isEqualTo(before);
        }
        assertThat(accepted).as("some mutants stay valid").isGreaterThan(INPUTS_PER_SEED / 20);
        assertThat(reasons).containsKeys(Reason.TRUNCATED, Reason.MALFORMED, Reason.TRAILING, Reason.UNSORTED_KEYS,
                Reason.TOO_DEEP, Reason.TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(longs = {3L, 99L})
    void randomValuesRoundTrip(long seed) throws Exception {
        RandomBencode values = new RandomBencode(new SplittableRandom(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            BencodeValue value = values.next();
            byte[] encoded = BencodeEncoder.encode(value);

            assertThat(encoded).hasSize((int) value.encodedSize());
            assertThat(unlimited.decode(encoded)).as("seed %s value %s", seed, i).isEqualTo(value);
            assertThat(ReferenceBencode.decode(encoded)).as("seed %s value %s", seed, i).isEqualTo(value);
        }
    }

    private static BencodeValue decodeOrCount(BencodeDecoder decoder, byte[] input, Map<Reason, Integer> reasons, String where) {
        try {
            return decoder.decode(input);
        } catch (BencodeException e) {
            reasons.merge(e.reason(), 1, Integer::sum);
            return null;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(where + ": " + e + " escaped", e);
        }
    }

    static byte[] mutate(SplittableRandom random, byte[] valid, byte[] other) {
        switch (random.nextInt(11)) {
            case 0: // truncated
                return Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 1: // a few bit flips
                byte[] flipped = valid.clone();
                for (int n = 1 + random.nextInt(3); n > 0 && flipped.length > 0; n--) {
                    int bit = random.nextInt(flipped.length * 8);
                    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return flipped;
            case 2: // one byte replaced by a structural one: lengths, signs, containers, ends
                byte[] replaced = valid.clone();
                if (replaced.length > 0) {
                    replaced[random.nextInt(replaced.length)] = structural(random);
                }
                return replaced;
            case 3: // a structural byte inserted
                return splice(valid, random.nextInt(valid.length + 1), 0, new byte[] {structural(random)});
            case 4: // a range deleted
                int from = random.nextInt(valid.length + 1);
                return splice(valid, from, random.nextInt(Math.min(8, valid.length - from) + 1), new byte[0]);
            case 5: // a slice of itself repeated somewhere (containers opened twice, keys repeated)
                int sliceFrom = random.nextInt(valid.length + 1);
                int sliceTo = sliceFrom + random.nextInt(valid.length - sliceFrom + 1);
                return splice(valid, random.nextInt(valid.length + 1), 0, Arrays.copyOfRange(valid, sliceFrom, sliceTo));
            case 6: // trailing bytes
                byte[] longer = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(4));
                for (int i = valid.length; i < longer.length; i++) {
                    longer[i] = structural(random);
                }
                return longer;
            case 7: // the head of one message on the tail of another
                int cut = random.nextInt(valid.length + 1);
                int otherCut = random.nextInt(other.length + 1);
                return splice(Arrays.copyOf(valid, cut), cut, 0, Arrays.copyOfRange(other, otherCut, other.length));
            case 8: // structural noise: deep nesting, long digit runs
                byte[] noise = new byte[random.nextInt(40)];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = structural(random);
                }
                return noise;
            case 9: // wrapped in lists, sometimes past the default depth limit
                int wraps = 1 + random.nextInt(15);
                return splice(splice(valid, 0, 0, ascii("l".repeat(wraps))), valid.length + wraps, 0, ascii("e".repeat(wraps)));
            default:
                return valid;
        }
    }

    private static byte structural(SplittableRandom random) {
        return (byte) STRUCTURE.charAt(random.nextInt(STRUCTURE.length()));
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] result = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(data, at + remove, result, at + insert.length, data.length - at - remove);
        return result;
    }
}
