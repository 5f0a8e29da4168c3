package io.chordia.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void sameSeedAndLabelGiveTheSameSequence() {
        assertThat(draw(new RandomStreams(42).stream("churn"))).isEqualTo(draw(new RandomStreams(42).stream("churn")));
        assertThat(draw(new RandomStreams(42).stream("node", 7))).isEqualTo(draw(new RandomStreams(42).stream("node", 7)));
    }

    @Test
    void labelsIndicesAndSeedsGiveDifferentStreams() {
        Set<Long> seeds = new HashSet<>();
        RandomStreams streams = new RandomStreams(42);
        for (int i = 0; i < 10_000; i++) {
            seeds.add(streams.seedFor("node", i));
        }
        seeds.add(streams.seedFor("churn", 0));
        seeds.add(streams.seedFor("links", 0));
        seeds.add(new RandomStreams(43).seedFor("churn", 0));
        assertThat(seeds).hasSize(10_003);
    }

    private static long[] draw(java.util.random.RandomGenerator g) {
        long[] out = new long[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = g.nextLong();
        }
        return out;
    }
}
