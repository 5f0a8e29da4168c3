package io.chordia.app.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final FetchProgress half = new FetchProgress("movie.mkv", 128L << 20, 64L << 20, 64L << 20, 412e6, 3,
            Duration.ofSeconds(75), false);

    @Test
    void theBarShowsFractionSizesSpeedPeersAndEta() {
        assertThat(ProgressBar.bar(half)).isEqualTo(
                "[###############...............]  50%  64 MiB / 128 MiB  393 MiB/s  3 peers  ETA 1:15");
    }

    @Test
    void withoutATerminalOnlyTheSummaryLineIsPrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.onProgress(half);
        bar.onProgress(new FetchProgress("movie.mkv", 128L << 20, 128L << 20, 100L << 20, 500e6, 0, Duration.ZERO, true));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("fetched movie.mkv: 128 MiB, 100 MiB downloaded at 477 MiB/s" + System.lineSeparator());
    }

    @Test
    void theFinishedFetchSaysHowLongItTookAndFromHowManyPeers() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.finish(new FetchProgress("movie.mkv", 128L << 20, 128L << 20, 100L << 20, 500e6, 3, null, true), 2.04);
        bar.finish(new FetchProgress("a.txt", 10, 10, 10, 10, 1, null, true), 1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "fetched movie.mkv: 128 MiB, 100 MiB downloaded at 477 MiB/s in 2.0 s from 3 peers" + System.lineSeparator()
                        + "fetched a.txt: 10 B, 10 B downloaded at 10 B/s in 1.0 s from 1 peer" + System.lineSeparator());
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        bar.onProgress(half);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\r[###").doesNotContain("\n");
    }
}
