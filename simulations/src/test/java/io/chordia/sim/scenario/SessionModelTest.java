package io.chordia.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.random.RandomStreams;
import io.chordia.sim.churn.SessionModel;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionModelTest {
    @ParameterizedTest
    @EnumSource(SessionModel.class)
    void sessionsHaveTheMedianAsked(SessionModel model) {
        RandomGenerator random = new RandomStreams(7).stream("sessions");
        long median = 1_800_000_000_000L;
        long[] samples = new long[20_001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = model.sampleNanos(median, random);
        }
        Arrays.sort(samples);
        assertThat((double) samples[samples.length / 2] / median).isBetween(0.97, 1.03);
        assertThat(samples[0]).isPositive();
    }
}
