package io.chordia.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void refillsAtTheRateUpToTheBurstWithoutDrift() {
        long now = -5_000_000_000L; // nanoTime may be negative: only differences count
        TokenBucket bucket = new TokenBucket(1000, 10, now);
        assertThat(bucket.tokens(now)).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryTake(now)).isTrue();
        }
        assertThat(bucket.tryTake(now)).isFalse();

        // 10,000 steps of a tenth of a token each earn exactly 1,000 tokens.
        int taken = 0;
        for (int i = 0; i < 10_000; i++) {
            now += 100_000;
            taken += bucket.tryTake(now) ? 1 : 0;
        }
        assertThat(taken).isEqualTo(1000);

        now += Long.MAX_VALUE / 2;
        assertThat(bucket.tokens(now)).as("saturates, never overflows").isEqualTo(10);
    }
}
