package io.chordia.sim.experiments;

import io.chordia.sim.report.Charts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where a paper report sends what is not the markdown itself: a progress line per step (a full
 * report runs for minutes, silent otherwise), and its charts, PNG and SVG, into the report's
 * directory, remembering each file written so the command can say where they are.
 */
public final class ReportOutput {
    /** No progress, no charts: for tests of single sections. */
    public static final ReportOutput NONE = new ReportOutput(null, line -> { });

    private final Path chartDir;
    private final Consumer<String> progress;
    private final List<Path> written = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    /** {@code chartDir} null writes no charts. */
    public ReportOutput(Path chartDir, Consumer<String> progress) {
        this.chartDir = chartDir;
        this.progress = progress;
    }

    /** One progress line, prefixed with the wall seconds since the report began. */
    void step(String format, Object... args) {
        progress.accept(String.format(Locale.ROOT, "%6.1f s  ", (System.nanoTime() - startNanos) / 1e9)
                + String.format(Locale.ROOT, format, args));
    }

    boolean writesCharts() {
        return chartDir != null;
    }

    /** Writes {@code name.png} and {@code name.svg} if charts are wanted; returns the markdown line naming them, or "". */
    String chart(String name, String title, String xLabel, String yLabel, List<Charts.Line> lines, boolean logX) {
        if (chartDir == null) {
            return "";
        }
        try {
            Charts.write(chartDir, name, title, xLabel, yLabel, lines, true, logX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written.add(chartDir.resolve(name + ".png"));
        written.add(chartDir.resolve(name + ".svg"));
        return String.format(Locale.ROOT, "Chart: `%s.png` and `%s.svg` beside this report.%n%n", name, name);
    }

    /** The chart files written so far. */
    public List<Path> written() {
        return List.copyOf(written);
    }
}
