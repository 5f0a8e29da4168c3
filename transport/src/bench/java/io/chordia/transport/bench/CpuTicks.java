package io.chordia.transport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine-wide CPU tick counters of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal. */
final class CpuTicks {
    private static final Path STAT = Path.of("/proc/stat");

    private CpuTicks() {}

    /** The counters now, or an empty array where /proc/stat does not exist. */
    static long[] read() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long[] t = new long[8];
            for (int i = 0; i < t.length; i++) {
                t[i] = Long.parseLong(f[i + 1]);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /** The fraction of all cores' time spent running (not idle, not stolen), or NaN if unknown. */
    static double busyFraction(long[] before, long[] after) {
        if (before.length == 0 || after.length == 0) {
            return Double.NaN;
        }
        long total = 0;
        for (int i = 0; i < 8; i++) {
            total += after[i] - before[i];
        }
        long notRunning = (after[3] - before[3]) + (after[4] - before[4]) + (after[7] - before[7]);
        return total == 0 ? Double.NaN : (double) (total - notRunning) / total;
    }

    /** "busy x%, steal y%" of all cores between two readings. */
    static String describe(long[] before, long[] after) {
        if (before.length == 0 || after.length == 0) {
            return "";
        }
        long total = 0;
        long[] d = new long[8];
        for (int i = 0; i < 8; i++) {
            d[i] = after[i] - before[i];
            total += d[i];
        }
        if (total == 0) {
            return "";
        }
        long idle = d[3] + d[4];
        long steal = d[7];
        return String.format(Locale.ROOT, "  [busy %3.0f%%, stolen %3.0f%%] ",
                100.0 * (total - idle - steal) / total, 100.0 * steal / total);
    }
}
