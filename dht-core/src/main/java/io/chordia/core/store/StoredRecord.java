package io.chordia.core.store;

import io.chordia.core.util.Checks;

/**
 * A record as a replica holds it: with the node-clock time it expires unless refreshed.
 *
 * @param expiresAtNanos on the holder's {@link io.chordia.core.time.Clock}
 */
public record StoredRecord(DhtRecord record, long expiresAtNanos) {
    public StoredRecord {
        Checks.notNull(record, "record");
    }

    public boolean isExpired(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }
}
