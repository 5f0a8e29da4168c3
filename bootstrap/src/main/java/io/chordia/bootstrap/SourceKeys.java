package io.chordia.bootstrap;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One {@code long} per rate-limited source: an IPv4 address, or an IPv6 /64. Whoever holds an
 * IPv6 address usually holds its whole /64, so per-address buckets would give them 2^64 buckets.
 */
final class SourceKeys {
    /** Set on IPv4 keys, so no IPv4 key equals an IPv6 prefix whose upper 32 bits are zero. */
    private static final long IPV4_TAG = 1L << 32;

    private SourceKeys() {}

    static long of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return IPV4_TAG | ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        }
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (b[i] & 0xFFL);
        }
        // An IPv6 /64 whose value happens to look tagged still maps to one key of its own: good enough.
        return prefix;
    }
}
