package io.chordia.transport.guard;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One {@code long} per rate-limited source: an IPv4 address, or an IPv6 /64. Whoever holds an
 * IPv6 address usually holds its whole /64, so per-address buckets would give them 2^64 buckets.
 */
public final class SourceKeys {
    /** Set on IPv4 keys, so no IPv4 key equals an IPv6 prefix whose upper 32 bits are zero. */
    private static final long IPV4_TAG = 1L << 32;

    private SourceKeys() {}

    public static long of(InetAddress address) {
        if (address instanceof Inet4Address) {
            // Inet4Address.hashCode is the address itself in OpenJDK (SourceRateLimiterTest pins it): no array copy per datagram.
            return IPV4_TAG | (address.hashCode() & 0xFFFF_FFFFL);
        }
        byte[] b = address.getAddress();
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (b[i] & 0xFFL);
        }
        // An IPv6 /64 whose value happens to look tagged still maps to one key of its own: good enough.
        return prefix;
    }
}
