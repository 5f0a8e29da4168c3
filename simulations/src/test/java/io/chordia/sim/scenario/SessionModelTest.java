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

    /**
     * The time left of a node found up in steady state, against the equilibrium residual life's
     * median worked out by hand: Weibull k = 1/2, scale * G^2 with G ~ Gamma(2, 1), whose median
     * 1.67835 gives 2.81686 / ln(2)^2 = 5.8633 session medians; Pareto alpha = 2, x_min = 2^-1/2; the
     * exponential, memoryless, 1.
     */
    @ParameterizedTest
    @EnumSource(SessionModel.class)
    void residualSessionsHaveTheSteadyStateMedian(SessionModel model) {
        RandomGenerator random = new RandomStreams(7).stream("sessions");
        long median = 1_800_000_000_000L;
        long[] samples = new long[20_001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = model.sampleResidualNanos(median, random);
        }
        Arrays.sort(samples);
        double expected = switch (model) {
            case EXPONENTIAL -> 1.0;
            case WEIBULL -> 5.8633;
            case PARETO -> 1 / Math.sqrt(2);
        };
        assertThat((double) samples[samples.length / 2] / median).isBetween(expected * 0.97, expected * 1.03);
    }

    /** Under Weibull k = 1/2 a fresh session is far likelier to end in its first minute than a residual one. */
    @org.junit.jupiter.api.Test
    void aFreshWeibullStartLosesNodesFasterThanTheSteadyState() {
        RandomGenerator random = new RandomStreams(7).stream("sessions");
        long median = 600_000_000_000L;
        long minute = 60_000_000_000L;
        int fresh = 0;
        int residual = 0;
        for (int i = 0; i < 20_000; i++) {
            fresh += SessionModel.WEIBULL.sampleNanos(median, random) < minute ? 1 : 0;
            residual += SessionModel.WEIBULL.sampleResidualNanos(median, random) < minute ? 1 : 0;
        }
        // 1 - e^-u = 19.7% against 1 - e^-u (1 + u) = 2.1%, u = sqrt(60 s / scale 1249 s).
        assertThat(fresh / 20_000.0).isBetween(0.18, 0.215);
        assertThat(residual / 20_000.0).isBetween(0.016, 0.026);
    }
}
