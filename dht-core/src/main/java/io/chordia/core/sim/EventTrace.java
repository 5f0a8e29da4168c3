package io.chordia.core.sim;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;

/**
 * A running 64-bit hash of everything the network did, in order: two runs with the same seed
 * must end with the same hash. Only inputs whose hash is specified by the JDK ({@code String},
 * primitives) go in, so the hash is stable across JVMs.
 */
public final class EventTrace {
    private long hash = 0xCBF29CE484222325L;
    private long events;

    void record(int kind, long timeNanos, Address from, Envelope e) {
        events++;
        mix(kind);
        mix(timeNanos);
        mix(addressHash(from));
        mix(addressHash(e.recipient()));
        mix(e.txId());
        mix(e.body().getClass().getName().hashCode());
    }

    private static long addressHash(Address a) {
        return a.host().hashCode() * 31L + a.port();
    }

    private void mix(long value) {
        long z = hash ^ value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        hash = z ^ (z >>> 31);
    }

    public long hash() {
        return hash;
    }

    public long events() {
        return events;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%016x (%d events)", hash, events);
    }
}
