package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void theBarSaysWhichTimeIsElapsedAndWhichIsLeft() {
        assertThat(ProgressBar.line(0.25, 30)).endsWith(" 25%  30 s elapsed, ~90 s left").startsWith("[##########  ");
        assertThat(ProgressBar.line(0, 2)).endsWith("  0%  2 s elapsed");
        assertThat(ProgressBar.line(1, 120)).endsWith("100%  120 s elapsed");
    }
}
