package io.chordia.app.share.sim;

import io.chordia.app.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Each peer's upload bandwidth, drawn once per peer:
 * <ul>
 * <li>{@code fixed:5MB/s}: every peer the same;</li>
 * <li>{@code uniform:1MB/s-10MB/s}: uniform between the two;</li>
 * <li>{@code classes:1MB/s@80%,10MB/s@20%}: a class per peer, with those probabilities (they must add up to 100 %).</li>
 * </ul>
 * Rates are sizes per second ({@link ByteSize#parse}: {@code kB}/{@code MB} are powers of 1000, {@code KiB}/{@code MiB} of 1024).
 */
public record UploadSpec(String text, long[] rates, double[] cumulative, boolean uniform) {
    public static UploadSpec parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("fixed:")) {
                return new UploadSpec(t, new long[] {ByteSize.parseRate(t.substring(6))}, new double[] {1}, false);
            }
            if (t.startsWith("uniform:")) {
                String[] ends = t.substring(8).split("-");
                if (ends.length != 2) {
                    throw new IllegalArgumentException("uniform takes two rates, e.g. uniform:1MB/s-10MB/s");
                }
                long lo = ByteSize.parseRate(ends[0]);
                long hi = ByteSize.parseRate(ends[1]);
                if (lo > hi) {
                    throw new IllegalArgumentException("uniform:LOW-HIGH needs LOW <= HIGH");
                }
                return new UploadSpec(t, new long[] {lo, hi}, new double[0], true);
            }
            if (t.startsWith("classes:")) {
                List<Long> rates = new ArrayList<>();
                List<Double> shares = new ArrayList<>();
                double sum = 0;
                for (String c : t.substring(8).split(",")) {
                    String[] parts = c.split("@");
                    if (parts.length != 2 || !parts[1].trim().endsWith("%")) {
                        throw new IllegalArgumentException("a class is RATE@SHARE%, e.g. 1MB/s@80%");
                    }
                    rates.add(ByteSize.parseRate(parts[0]));
                    double share = Double.parseDouble(parts[1].trim().replace("%", "")) / 100;
                    sum += share;
                    shares.add(sum);
                }
                if (Math.abs(sum - 1) > 1e-6) {
                    throw new IllegalArgumentException("the class shares add up to " + Math.round(sum * 100) + " %, not 100 %");
                }
                return new UploadSpec(t, rates.stream().mapToLong(Long::longValue).toArray(),
                        shares.stream().mapToDouble(Double::doubleValue).toArray(), false);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + text + "' is not an upload distribution: use fixed:RATE, "
                + "uniform:LOW-HIGH or classes:RATE@SHARE%,...");
    }

    public UploadSpec {
        for (long r : rates) {
            if (r <= 0) {
                throw new IllegalArgumentException("upload rates must be positive in '" + text + "'");
            }
        }
    }

    /** One peer's upload, in bytes per second. */
    public long draw(RandomGenerator random) {
        if (uniform) {
            return rates[0] + (long) (random.nextDouble() * (rates[1] - rates[0]));
        }
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return rates[i];
            }
        }
        return rates[rates.length - 1];
    }

    @Override
    public String toString() {
        return text;
    }
}
