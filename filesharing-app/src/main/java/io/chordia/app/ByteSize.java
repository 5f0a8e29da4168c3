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

    /**
     * Reads {@code 65536}, {@code 64KiB}, {@code 1.5 MB}, {@code 2GiB}: binary units are powers of 1024,
     * decimal ones ({@code kB}, {@code MB}, {@code GB}) of 1000. Throws IllegalArgumentException saying what is accepted.
     */
    public static long parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKMGT]i?B|B)?\\s*")
                .matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: use e.g. 65536, 256KiB, 1.5MB, 2GiB");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        double scale = switch (unit) {
            case "B" -> 1;
            case "kB", "KB" -> 1e3;
            case "KiB", "kiB" -> 1024;
            case "MB" -> 1e6;
            case "MiB" -> 1 << 20;
            case "GB" -> 1e9;
            case "GiB" -> 1 << 30;
            case "TB" -> 1e12;
            case "TiB" -> Math.pow(1024, 4);
            default -> throw new IllegalArgumentException("'" + unit + "' is not a unit: use B, kB, KiB, MB, MiB, GB or GiB");
        };
        double bytes = value * scale;
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return Math.round(bytes);
    }

    /** Reads a rate such as {@code 5MB/s} or {@code 512KiB/s}: a {@link #parse size} per second. */
    public static long parseRate(String text) {
        String t = text.trim();
        if (!t.endsWith("/s")) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: use e.g. 5MB/s or 512KiB/s");
        }
        return parse(t.substring(0, t.length() - 2));
    }
}
