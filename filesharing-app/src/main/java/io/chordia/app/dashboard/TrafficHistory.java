package io.chordia.app.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Traffic per minute over the last hour: a ring of {@link #MINUTES} slots, each the growth of the
 * transport's running totals during that minute. Fed by sampling those totals (a sample's growth
 * counts in the minute it is taken, so sample more often than once a minute); minutes nobody
 * sampled count as silent. Thread-safe.
 */
public final class TrafficHistory {
    public static final int MINUTES = 60;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    /** Running totals since start, or one minute's growth of them. */
    public record Totals(long messagesIn, long messagesOut, long bytesIn, long bytesOut) {
        public static final Totals ZERO = new Totals(0, 0, 0, 0);

        Totals minus(Totals earlier) {
            return new Totals(messagesIn - earlier.messagesIn, messagesOut - earlier.messagesOut,
                    bytesIn - earlier.bytesIn, bytesOut - earlier.bytesOut);
        }

        Totals plus(Totals more) {
            return new Totals(messagesIn + more.messagesIn, messagesOut + more.messagesOut,
                    bytesIn + more.bytesIn, bytesOut + more.bytesOut);
        }
    }

    /** One minute's traffic; {@code minutesAgo} 0 is the minute still running. */
    public record Minute(int minutesAgo, long messagesIn, long messagesOut, long bytesIn, long bytesOut) {}

    private final long startNanos;
    private final Totals[] slots = new Totals[MINUTES];
    private long currentMinute;
    private Totals lastSample = Totals.ZERO;

    public TrafficHistory(long startNanos) {
        this.startNanos = startNanos;
        java.util.Arrays.fill(slots, Totals.ZERO);
    }

    /** Records the totals seen at {@code nowNanos} (monotonic, the same clock as the start). */
    public synchronized void sample(long nowNanos, Totals totals) {
        long minute = Math.max(currentMinute, (nowNanos - startNanos) / MINUTE_NANOS);
        long silent = Math.min(MINUTES, minute - currentMinute);
        for (long m = 1; m <= silent; m++) {
            slots[slot(currentMinute + m)] = Totals.ZERO;
        }
        currentMinute = minute;
        slots[slot(minute)] = slots[slot(minute)].plus(totals.minus(lastSample));
        lastSample = totals;
    }

    /** Samples, then the last hour, oldest first, ending with the minute still running. */
    public synchronized List<Minute> lastHour(long nowNanos, Totals totals) {
        sample(nowNanos, totals);
        int minutes = (int) Math.min(MINUTES, currentMinute + 1);
        List<Minute> hour = new ArrayList<>(minutes);
        for (int ago = minutes - 1; ago >= 0; ago--) {
            Totals t = slots[slot(currentMinute - ago)];
            hour.add(new Minute(ago, t.messagesIn(), t.messagesOut(), t.bytesIn(), t.bytesOut()));
        }
        return hour;
    }

    private static int slot(long minute) {
        return (int) (minute % MINUTES);
    }
}
