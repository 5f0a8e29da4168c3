package io.chordia.app.share.bittorrent;

import io.chordia.core.time.Clock;
import io.chordia.core.util.Checks;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Addresses that broke the peer wire's rules, refused for {@code term} after. Bounded: past
 * {@code capacity} the oldest ban goes first, so a flood of hostile addresses cannot grow it.
 * Thread-safe (connections of every I/O thread share one).
 */
public final class BanList {
    private final Clock clock;
    private final long termNanos;
    private final int capacity;
    private final LinkedHashMap<String, Long> until = new LinkedHashMap<>();

    public BanList(Clock clock, Duration term, int capacity) {
        this.clock = Checks.notNull(clock, "clock");
        this.termNanos = Checks.positive(term, "term").toNanos();
        this.capacity = Checks.inRange(capacity, 1, 1 << 20, "capacity");
    }

    public synchronized void ban(String host) {
        until.remove(host);
        until.put(host, clock.nanoTime() + termNanos);
        Iterator<Map.Entry<String, Long>> oldest = until.entrySet().iterator();
        while (until.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized boolean isBanned(String host) {
        Long end = until.get(host);
        if (end == null) {
            return false;
        }
        if (end - clock.nanoTime() <= 0) {
            until.remove(host);
            return false;
        }
        return true;
    }

    public synchronized int size() {
        return until.size();
    }
}
