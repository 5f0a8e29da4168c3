package io.chordia.sim.metrics;

import java.util.Arrays;

/** A growable list of long samples with mean and nearest-rank percentiles. */
public final class Samples {
    private long[] values = new long[64];
    private int size;
    private boolean sorted = true;

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sorted = false;
    }

    public int size() {
        return size;
    }

    public double mean() {
        if (size == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    /** The nearest-rank percentile {@code p} (0..100); 0 when empty. */
    public long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
