package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which source each record held here is charged to, and how many live records each source has
 * here. A source is a {@link io.chordia.core.net.HostKey} (an IPv4 address or an IPv6 /64), so a
 * new port is not a new quota. A charge lasts while its record does: it ends when the record
 * expires, when another write replaces it (the new writer is charged instead, or nobody when the
 * copy came from a replica neighbour) and when the record is handed off or removed.
 *
 * <p>Memory is bounded by {@code capacity} charges: at most that many records are charged at
 * once, so at most that many sources are remembered (a source with no live record is forgotten).
 *
 * <p>Node thread only.
 */
final class SourceQuotas {
    /** Charges held at most by default: far more than {@code maxRecordsPerSource} honest sources need. */
    static final int DEFAULT_CAPACITY = 1 << 18;

    private record Charge(NodeId key, String source, long expiresAtNanos) {}

    private static final Comparator<Charge> BY_EXPIRY =
            Comparator.comparingLong(Charge::expiresAtNanos).thenComparing(Charge::key);

    private final int perSource;
    private final int capacity;
    private final Map<NodeId, Charge> byKey = new HashMap<>();
    private final Map<String, Integer> bySource = new HashMap<>();
    private final TreeSet<Charge> byExpiry = new TreeSet<>(BY_EXPIRY);

    SourceQuotas(int perSource, int capacity) {
        this.perSource = Checks.inRange(perSource, 1, Integer.MAX_VALUE, "perSource");
        this.capacity = Checks.inRange(capacity, 1, Integer.MAX_VALUE, "capacity");
    }

    /**
     * Why {@code source} may not have {@code key} charged to it now, or null if it may: a source
     * replacing its own record is not charged twice.
     */
    String refusal(String source, NodeId key, long nowNanos) {
        releaseExpired(nowNanos);
        Charge current = byKey.get(key);
        if (current != null && current.source().equals(source)) {
            return null;
        }
        int held = bySource.getOrDefault(source, 0);
        if (held >= perSource) {
            return source + " has " + held + " live records here, its maximum";
        }
        if (byKey.size() - (current == null ? 0 : 1) >= capacity) {
            return "this node holds its maximum of " + capacity + " records charged to other nodes";
        }
        return null;
    }

    /**
     * The record under {@code key}, expiring at {@code expiresAtNanos}, is now charged to
     * {@code source}; returns how many records are charged to it now.
     */
    int charge(NodeId key, String source, long expiresAtNanos) {
        release(key);
        Charge c = new Charge(key, source, expiresAtNanos);
        byKey.put(key, c);
        byExpiry.add(c);
        return bySource.merge(source, 1, Integer::sum);
    }

    /** The record under {@code key} is gone or charged to nobody. */
    void release(NodeId key) {
        Charge c = byKey.remove(key);
        if (c == null) {
            return;
        }
        byExpiry.remove(c);
        bySource.computeIfPresent(c.source(), (s, n) -> n == 1 ? null : n - 1);
    }

    /** Live records charged to {@code source}. */
    int held(String source, long nowNanos) {
        releaseExpired(nowNanos);
        return bySource.getOrDefault(source, 0);
    }

    /** Live records charged, to anyone. */
    int charged(long nowNanos) {
        releaseExpired(nowNanos);
        return byKey.size();
    }

    /** Sources with at least one live record charged. */
    int sources(long nowNanos) {
        releaseExpired(nowNanos);
        return bySource.size();
    }

    private void releaseExpired(long nowNanos) {
        while (!byExpiry.isEmpty() && nowNanos - byExpiry.first().expiresAtNanos() >= 0) {
            release(byExpiry.first().key());
        }
    }
}
