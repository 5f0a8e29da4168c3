package io.chordia.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** What an address's host is, as far as who can reach it goes. Decided from the text alone: never DNS. */
public enum HostKind {
    /** {@code 0.0.0.0}, {@code ::} or the rest of 0.0.0.0/8: "any address" to bind, nobody's to reach. */
    UNSPECIFIED,
    /** 127.0.0.0/8 or {@code ::1}: this machine only. */
    LOOPBACK,
    /** 169.254.0.0/16 or fe80::/10: this link only. */
    LINK_LOCAL,
    /** Any other IP literal. */
    IP,
    /** Not an IP literal (a host name, or IPv4 text in a non-canonical form). */
    NAME;

    public static HostKind of(Address address) {
        return of(address.host());
    }

    public static HostKind of(String host) {
        long v4 = Ipv4Literal.parse(host);
        if (v4 >= 0) {
            return ofIpv4(v4);
        }
        if (host.indexOf(':') < 0) {
            return NAME;
        }
        InetAddress ip;
        try {
            // A host with a colon can only be an IPv6 literal, which getByName parses without a lookup.
            ip = InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return NAME;
        }
        if (ip instanceof Inet4Address) { // ::ffff:a.b.c.d, which Java turns into IPv4
            byte[] b = ip.getAddress();
            return ofIpv4((b[0] & 0xFFL) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF));
        }
        if (ip.isAnyLocalAddress()) {
            return UNSPECIFIED;
        }
        if (ip.isLoopbackAddress()) {
            return LOOPBACK;
        }
        return ip.isLinkLocalAddress() ? LINK_LOCAL : IP;
    }

    private static HostKind ofIpv4(long address) {
        long first = address >>> 24;
        if (first == 0) {
            return UNSPECIFIED;
        }
        if (first == 127) {
            return LOOPBACK;
        }
        return address >>> 16 == (169 << 8 | 254) ? LINK_LOCAL : IP;
    }

    /**
     * True when a peer at {@code peer} can send to {@code target}: an unspecified address never,
     * a loopback address only from this machine, a link-local one only from the link.
     */
    public static boolean reachableFrom(Address target, Address peer) {
        HostKind kind = of(target);
        return switch (kind) {
            case UNSPECIFIED -> false;
            case LOOPBACK, LINK_LOCAL -> of(peer) == kind;
            case IP, NAME -> true;
        };
    }
}
