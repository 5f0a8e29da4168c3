package io.chordia.sim.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them on a command line: {@code 1h}, {@code 30m}, {@code 90s}, {@code 1h30m},
 * {@code 250ms}, {@code 2d}, {@code 0}; ISO-8601 ({@code PT1H}) too, which the put command once required.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s|d)");

    private DurationText() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a message fit for a user. */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.startsWith("p")) {
            return iso(text);
        }
        Matcher m = PART.matcher(t);
        int at = 0;
        double nanos = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            at = m.end();
        }
        if (at == 0 || at != t.length() || nanos > Long.MAX_VALUE / 2) {
            throw notADuration(text);
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static Duration iso(String text) {
        try {
            Duration d = Duration.parse(text.trim());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below, in the same words as every other malformed duration
        }
        throw notADuration(text);
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 1h, 30m, 90s, 1h30m, 250ms, 2d or 0)");
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 86_400e9;
        };
    }

    /** The shortest of the forms {@link #parse} reads back, e.g. {@code 1h30m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.toNanos() % 1_000_000_000L != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
