package io.chordia.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.dashboard.TrafficHistory.Minute;
import io.chordia.app.dashboard.TrafficHistory.Totals;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficHistoryTest {
    private static final long START = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static long at(long seconds) {
        return START + seconds * SECOND;
    }

    private static Totals totals(long messages) {
        return new Totals(messages, 2 * messages, 100 * messages, 200 * messages);
    }

    @Test
    void eachMinuteHoldsTheGrowthSampledInItAndTheRunningMinuteComesLast() {
        TrafficHistory history = new TrafficHistory(START);
        history.sample(at(10), totals(5));
        history.sample(at(50), totals(7));
        history.sample(at(70), totals(10));

        List<Minute> hour = history.lastHour(at(100), totals(11));

        assertThat(hour).containsExactly(new Minute(1, 7, 14, 700, 1400), new Minute(0, 4, 8, 400, 800));
    }

    @Test
    void minutesNobodySampledAreSilentAndTheHourKeepsSixtyMinutes() {
        TrafficHistory history = new TrafficHistory(START);
        history.sample(at(30), totals(3));
        history.sample(at(3 * 60 + 30), totals(4));

        assertThat(history.lastHour(at(3 * 60 + 40), totals(4)))
                .extracting(Minute::messagesIn).containsExactly(3L, 0L, 0L, 1L);

        for (int minute = 4; minute < 200; minute++) {
            history.sample(at(minute * 60L + 1), totals(minute + 1));
        }
        List<Minute> hour = history.lastHour(at(199 * 60 + 2), totals(200));
        assertThat(hour).hasSize(TrafficHistory.MINUTES);
        assertThat(hour).extracting(Minute::minutesAgo).first().isEqualTo(59);
        assertThat(hour).allSatisfy(m -> assertThat(m.messagesIn()).isEqualTo(1));
    }

    @Test
    void aGapLongerThanTheHourClearsEveryMinute() {
        TrafficHistory history = new TrafficHistory(START);
        history.sample(at(10), totals(50));

        List<Minute> hour = history.lastHour(at(3 * 3600), totals(50));

        assertThat(hour).hasSize(TrafficHistory.MINUTES).allSatisfy(m -> assertThat(m.bytesIn()).isZero());
    }
}
