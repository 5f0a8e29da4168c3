package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoundTripTimesTest {
    private static final Address A = new Address("10.0.0.1", 4000);
    private static final Address B = new Address("10.0.0.2", 4000);
    private static final long MS = 1_000_000L;

    /** RFC 6298 section 2 in doubles: the reference the integer arithmetic must follow. */
    private static final class Reference {
        double srtt;
        double rttvar;
        boolean first = true;

        void add(double r) {
            if (first) {
                srtt = r;
                rttvar = r / 2;
                first = false;
            } else {
                rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
                srtt = 0.875 * srtt + 0.125 * r;
            }
        }

        double rto() {
            return srtt + 4 * rttvar;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void followsRfc6298OnRandomSamples(long seed) {
        RoundTripTimes rtts = new RoundTripTimes(16, Duration.ofNanos(1), Duration.ofSeconds(100), Duration.ofSeconds(1));
        Reference reference = new Reference();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 1000; i++) {
            long r = random.nextLong(5 * MS, 400 * MS);
            rtts.sample(A, r, 0L);
            reference.add(r);
            // Integer halving, quartering and eighthing lose under a nanosecond each step; the error stays tiny.
            assertThat((double) rtts.timeoutNanos(A)).isCloseTo(reference.rto(), org.assertj.core.data.Offset.offset(100.0));
        }
    }

    @Test
    void firstSampleGivesThreeTimesItAndASteadyPeerConvergesToItsRoundTrip() {
        RoundTripTimes rtts = new RoundTripTimes(16, Duration.ofNanos(1), Duration.ofSeconds(10), Duration.ofSeconds(1));
        rtts.sample(A, 100 * MS, 0L);
        assertThat(rtts.timeoutNanos(A)).isEqualTo(300 * MS); // SRTT + 4 · SRTT/2
        for (int i = 0; i < 200; i++) {
            rtts.sample(A, 100 * MS, 0L);
        }
        assertThat(rtts.timeoutNanos(A)).isBetween(100 * MS, 101 * MS);
    }

    @Test
    void unknownPeersGetTheInitialTimeoutThenTheEstimateOverAllPeers() {
        RoundTripTimes rtts = new RoundTripTimes(16, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(rtts.timeoutNanos(B)).isEqualTo(1000 * MS);
        rtts.sample(A, 40 * MS, 0L);
        assertThat(rtts.knows(B)).isFalse();
        assertThat(rtts.timeoutNanos(B)).isEqualTo(rtts.timeoutNanos(A)).isEqualTo(120 * MS);
    }

    @Test
    void clampsToTheBounds() {
        RoundTripTimes rtts = new RoundTripTimes(16, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(1));
        rtts.sample(A, MS, 0L);
        rtts.sample(B, 5_000 * MS, 0L);
        assertThat(rtts.timeoutNanos(A)).isEqualTo(100 * MS);
        assertThat(rtts.timeoutNanos(B)).isEqualTo(2_000 * MS);
    }

    @Test
    void forgetsTheLeastRecentlyMeasuredPeersBeyondItsCapacity() {
        RoundTripTimes rtts = new RoundTripTimes(3, Duration.ofNanos(1), Duration.ofSeconds(10), Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            rtts.sample(new Address("10.0.1." + i, 4000), (i + 1) * MS, 0L);
        }
        rtts.sample(new Address("10.0.1.7", 4000), MS, 0L); // touched again: kept over 8 when 10 arrives
        rtts.sample(new Address("10.0.1.10", 4000), MS, 0L);
        assertThat(rtts.size()).isEqualTo(3);
        assertThat(rtts.knows(new Address("10.0.1.7", 4000))).isTrue();
        assertThat(rtts.knows(new Address("10.0.1.8", 4000))).isFalse();
        assertThat(rtts.knows(new Address("10.0.1.9", 4000))).isTrue();
    }

    @Test
    void remembersWhenEachPeerLastAnswered() {
        RoundTripTimes rtts = RoundTripTimes.defaults();
        rtts.sample(A, MS, 1_000 * MS);
        assertThat(rtts.answeredWithin(A, 3_000 * MS, 2_000 * MS)).isTrue();
        assertThat(rtts.answeredWithin(A, 3_001 * MS, 2_000 * MS)).isFalse();
        assertThat(rtts.answeredWithin(B, 1_000 * MS, 2_000 * MS)).as("never answered").isFalse();
        rtts.sample(A, MS, 5_000 * MS);
        assertThat(rtts.answeredWithin(A, 6_000 * MS, 2_000 * MS)).isTrue();
    }
}
