package io.chordia.sim.cli;

import io.chordia.sim.scenario.ScenarioRunner;
import java.io.PrintStream;
import java.util.Locale;

/** A one-line bar redrawn on a terminal with carriage returns; callers make one only when there is a terminal. */
final class ProgressBar implements ScenarioRunner.Progress {
    private static final int WIDTH = 40;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private int lastPercent = -1;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** A bar on stderr when the JVM has a terminal, otherwise nothing. */
    static ScenarioRunner.Progress forConsole() {
        return System.console() != null ? new ProgressBar(System.err) : ScenarioRunner.Progress.NONE;
    }

    @Override
    public void update(double fraction) {
        int percent = (int) (fraction * 100);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = (int) (fraction * WIDTH);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "\r[%s%s] %3d%%  %.0f s", "#".repeat(filled), " ".repeat(WIDTH - filled), percent, elapsed);
        out.flush();
    }

    @Override
    public void done() {
        out.print("\r" + " ".repeat(WIDTH + 20) + "\r");
        out.flush();
    }
}
