package io.chordia.app;

import java.util.Locale;

/**
 * Byte counts as people read them, in one unit family (powers of 1024: KiB, MiB, GiB, TiB) for
 * sizes and speeds alike, so a bar never shows MiB beside MB/s.
 */
public final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {}

    /** {@code 512 B}, {@code 1.2 MiB}, {@code 64 MiB}: one decimal below 10, none above. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, UNITS[u]);
    }

    /** {@code 393 MiB/s}. */
    public static String perSecond(double bytesPerSecond) {
        return format(Math.round(bytesPerSecond)) + "/s";
    }
}
