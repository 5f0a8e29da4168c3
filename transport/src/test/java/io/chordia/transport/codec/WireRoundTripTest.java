package io.chordia.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random valid envelopes survive encode and decode unchanged, on both paths, byte for byte alike. */
class WireRoundTripTest {
    private static final int ENVELOPES_PER_SEED = 3_000;

    private final KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 0xC0DAL})
    void randomEnvelopesRoundTrip(long seed) throws Exception {
        RandomEnvelopes envelopes = new RandomEnvelopes(new SplittableRandom(seed));
        Set<Class<? extends Message>> seen = new HashSet<>();
        for (int i = 0; i < ENVELOPES_PER_SEED; i++) {
            Envelope sent = envelopes.next();
            seen.add(sent.body().getClass());
            byte[] bytes = codec.encode(sent);

            assertThat(bytes).as("seed %s, envelope %s: %s", seed, i, sent).hasSize(codec.encodedSize(sent));
            assertThat(codec.decode(bytes, 0, bytes.length, WireFixtures.RECIPIENT))
                    .as("seed %s, envelope %s", seed, i).isEqualTo(sent);
            ByteBuf direct = codec.encode(sent, PooledByteBufAllocator.DEFAULT);
            try {
                assertThat(ByteBufUtil.getBytes(direct)).as("seed %s, envelope %s", seed, i).isEqualTo(bytes);
                assertThat(codec.decode(direct, WireFixtures.RECIPIENT)).isEqualTo(sent);
            } finally {
                direct.release();
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(WireRegistry.messageIds().keySet());
    }
}
