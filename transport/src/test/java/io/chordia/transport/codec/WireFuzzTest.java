package io.chordia.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.chordia.core.message.Envelope;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutated encodings (truncated, bit-flipped, spliced, random) never make the decoder throw anything
 * but {@link MalformedMessageException}, never change the input, and whatever is accepted is valid
 * and re-encodes to exactly the bytes it came from (one encoding per value).
 */
class WireFuzzTest {
    private static final int INPUTS_PER_SEED = 20_000;
    private static final int MAX = 1232;

    private final KryoWireCodec codec = new KryoWireCodec(MAX);
    private final KryoWireCodec roomy = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);

    @ParameterizedTest
    @ValueSource(longs = {7L, 2024L})
    void mutatedInputIsRejectedOrCanonical(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RandomEnvelopes envelopes = new RandomEnvelopes(random);
        Map<DropReason, Integer> reasons = new EnumMap<>(DropReason.class);
        int accepted = 0;
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            byte[] input = mutate(random, roomy.encode(envelopes.next()));
            byte[] before = input.clone();
            Envelope decoded = null;
            try {
                decoded = codec.decode(input, 0, input.length, WireFixtures.RECIPIENT);
                accepted++;
            } catch (MalformedMessageException e) {
                reasons.merge(e.reason(), 1, Integer::sum);
            } catch (RuntimeException e) {
                fail("seed %s input %s: %s escaped for %s", seed, i, e, Arrays.toString(input));
            }
            assertThat(input).as("seed %s input %s was modified", seed, i).isEqualTo(before);
            if (decoded != null) {
                assertThat(codec.encode(decoded)).as("seed %s input %s re-encodes", seed, i).isEqualTo(input);
            }
            sameVerdictOnTheByteBufPath(input, decoded);
        }
        assertThat(accepted).as("some mutants stay valid").isPositive();
        assertThat(reasons).containsKeys(DropReason.MALFORMED, DropReason.BAD_HEADER, DropReason.OVERSIZE);
    }

    private void sameVerdictOnTheByteBufPath(byte[] input, Envelope expected) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input);
        try {
            Envelope decoded = codec.decode(buf, WireFixtures.RECIPIENT);
            assertThat(decoded).isEqualTo(expected);
        } catch (MalformedMessageException e) {
            assertThat(expected).isNull();
        } finally {
            buf.release();
        }
    }

    static byte[] mutate(SplittableRandom random, byte[] valid) {
        switch (random.nextInt(7)) {
            case 0: // truncated
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            case 1: // a few bit flips
                byte[] flipped = valid.clone();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    int bit = random.nextInt(flipped.length * 8);
                    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return flipped;
            case 2: // one byte set to an extreme: counts and lengths claim the maximum
                byte[] extreme = valid.clone();
                extreme[random.nextInt(extreme.length)] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                return extreme;
            case 3: // trailing garbage
                byte[] longer = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(8));
                longer[longer.length - 1] = (byte) random.nextInt();
                return longer;
            case 4: // a valid header in front of random bytes
                byte[] noise = new byte[random.nextInt(1400)];
                random.nextBytes(noise);
                System.arraycopy(valid, 0, noise, 0, Math.min(noise.length, KryoWireCodec.HEADER_BYTES));
                return noise;
            case 5: // pure noise, sometimes larger than the maximum
                byte[] random1 = new byte[random.nextInt(2 * MAX)];
                random.nextBytes(random1);
                return random1;
            default:
                return valid;
        }
    }
}
