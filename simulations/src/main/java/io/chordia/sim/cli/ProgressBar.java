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
        out.printf(Locale.ROOT, "\r%s", line(fraction, (System.nanoTime() - startNanos) / 1e9));
        out.flush();
    }

    /** The bar, then the wall time spent and, once there is a rate to go by, the time left at it. */
    static String line(double fraction, double elapsedSeconds) {
        int filled = (int) (fraction * WIDTH);
        String left = fraction > 0 && fraction < 1
                ? String.format(Locale.ROOT, ", ~%.0f s left", elapsedSeconds * (1 - fraction) / fraction) : "";
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %.0f s elapsed%s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                (int) (fraction * 100), elapsedSeconds, left);
    }

    @Override
    public void done() {
        out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
        out.flush();
    }
}
