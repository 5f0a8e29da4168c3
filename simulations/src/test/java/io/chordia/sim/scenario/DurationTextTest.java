package io.chordia.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "90s, 90", "30m, 1800", "1h, 3600", "1h30m, 5400", "1d, 86400", "1.5h, 5400", "250ms, 0.25", "PT1H, 3600", "pt90s, 90",
            "P2D, 172800"})
    void readsWhatPeopleType(String text, double seconds) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.ofNanos((long) (seconds * 1e9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1x", "", "h", "10", "-5m", "1h 30m", "m30", "PT-1H", "P", "PT1X"})
    void refusesAnythingElseWithTheFormsItAccepts(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration").hasMessageContaining("1h30m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "250ms", "45s", "30m", "1h", "1h30m", "2h0m5s"})
    void formatsSoThatParsingGivesTheSameDuration(String text) {
        Duration d = DurationText.parse(text);
        assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
    }
}
