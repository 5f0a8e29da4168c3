package io.chordia.app.share;

import io.chordia.app.ByteSize;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a fetch's progress: on a terminal, one line redrawn in place
 * ({@code [#######.......]  48%  61.2 MiB / 128 MiB  393 MiB/s  3 peers  ETA 0:01}); otherwise nothing
 * until the end, then one summary line, so logs and pipes get no carriage returns.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private int lastLength;

    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On {@code System.err}, drawn when the process has a console. */
    public static ProgressBar forStderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public synchronized void onProgress(FetchProgress p) {
        if (p.done()) {
            end(summary(p));
            return;
        }
        if (terminal) {
            String line = bar(p);
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
        }
    }

    /** Ends the bar with the summary line, saying how long the whole fetch took and from how many peers. */
    public synchronized void finish(FetchProgress p, double seconds) {
        end(String.format(Locale.ROOT, "%s in %.1f s from %d %s", summary(p), seconds, p.peers(),
                p.peers() == 1 ? "peer" : "peers"));
    }

    private void end(String summary) {
        if (terminal) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
        }
        out.println(summary);
        out.flush();
    }

    /** The in-place line. */
    public static String bar(FetchProgress p) {
        int filled = (int) Math.round(p.fraction() * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %s / %s  %s  %d %s  ETA %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), (int) Math.floor(p.fraction() * 100), ByteSize.format(p.verifiedBytes()), ByteSize.format(p.totalBytes()),
                ByteSize.perSecond(p.bytesPerSecond()), p.peers(), p.peers() == 1 ? "peer" : "peers", eta(p.eta()));
    }

    /** The one line printed at the end. */
    public static String summary(FetchProgress p) {
        return String.format(Locale.ROOT, "fetched %s: %s, %s downloaded at %s", p.name(), ByteSize.format(p.totalBytes()),
                ByteSize.format(p.downloadedBytes()), ByteSize.perSecond(p.bytesPerSecond()));
    }

    static String eta(Duration eta) {
        if (eta == null) {
            return "--:--";
        }
        long s = eta.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
