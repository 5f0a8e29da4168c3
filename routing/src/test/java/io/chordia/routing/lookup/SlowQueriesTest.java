package io.chordia.routing.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import io.chordia.core.rpc.RoundTripTimes;
import org.junit.jupiter.api.Test;

class SlowQueriesTest {
    private static final Address PEER = new Address("10.0.0.1", 4000);
    private static final long NOW = 100_000_000_000L;

    private final RoundTripTimes roundTrips = RoundTripTimes.defaults();
    private final SlowQueries slowQueries = new SlowQueries();

    @Test
    void onlyAPeerThatAnsweredWithinTheLastTenSecondsIsWorthWaitingFor() {
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW)).as("never answered").isFalse();
        roundTrips.sample(PEER, 1_000_000L, NOW - SlowQueries.RECENT_NANOS);
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW)).isTrue();
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW + 1)).isFalse();
    }

    @Test
    void onceMostRecentSlowRequestsGoUnansweredNobodyIsWaitedFor() {
        roundTrips.sample(PEER, 1_000_000L, NOW);
        for (int i = 0; i < 8; i++) {
            slowQueries.lateAnswer();
        }
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW)).isTrue();
        // Nodes crash: four of the last eight slow requests time out, still half answered.
        for (int i = 0; i < 4; i++) {
            slowQueries.neverAnswered();
        }
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW)).isTrue();
        slowQueries.neverAnswered();
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW)).as("5 of the last 8 unanswered").isFalse();
        // Late answers come back (congestion, not death): the oldest outcomes drop out and waiting resumes.
        for (int i = 0; i < 3; i++) {
            slowQueries.lateAnswer();
        }
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW)).as("3 late of the last 8").isFalse();
        slowQueries.lateAnswer();
        assertThat(slowQueries.worthWaitingFor(PEER, roundTrips, NOW)).as("4 late of the last 8").isTrue();
        assertThat(slowQueries.lateAnswerCount()).isEqualTo(12);
    }
}
