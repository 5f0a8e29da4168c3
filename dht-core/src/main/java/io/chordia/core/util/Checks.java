package io.chordia.core.util;

/** Argument checks that throw {@link IllegalArgumentException} with a formatted message. */
public final class Checks {
    private Checks() {}

    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, format, args));
        }
    }

    /**
     * {@link #check(boolean, String, Object...)} for numbers: no varargs array and no boxing unless
     * the check fails. Message constructors check sizes on every datagram.
     */
    public static void check(boolean condition, String format, long a) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, format, a));
        }
    }

    /** See {@link #check(boolean, String, long)}. */
    public static void check(boolean condition, String format, long a, long b) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, format, a, b));
        }
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    public static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    String.format(java.util.Locale.ROOT, "%s must be in [%d, %d], was %d", name, min, max, value));
        }
        return value;
    }

    public static long inRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    String.format(java.util.Locale.ROOT, "%s must be in [%d, %d], was %d", name, min, max, value));
        }
        return value;
    }

    public static double probability(double value, String name) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s must be in [0, 1], was %s", name, value));
        }
        return value;
    }

    public static java.time.Duration positive(java.time.Duration value, String name) {
        notNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    public static java.time.Duration nonNegative(java.time.Duration value, String name) {
        notNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
