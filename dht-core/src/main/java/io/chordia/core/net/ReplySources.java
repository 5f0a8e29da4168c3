package io.chordia.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Whether a datagram's source is the address a request was sent to, so that only the node called
 * can answer a call. The text of the two may differ for one socket: the transport writes sources
 * canonically (dotted quad, compressed IPv6, and IPv4 for {@code ::ffff:a.b.c.d}, which the JDK
 * hands over as IPv4), while a call may be addressed in any form the transport parses. A call to
 * the unspecified address reaches this machine, and its answer comes from loopback. Host names
 * never match anything but themselves: the Netty transport never sends to one, and the
 * simulator's addresses are exact. Decided from the text alone: never DNS.
 */
public final class ReplySources {
    private ReplySources() {}

    /** True when a reply from {@code source} may answer a request sent to {@code calledAt}. */
    public static boolean matches(Address calledAt, Address source) {
        if (calledAt.port() != source.port()) {
            return false;
        }
        if (calledAt.host().equals(source.host())) {
            return true; // the usual case, and the simulator's only one
        }
        byte[] called = ipOf(calledAt);
        byte[] from = ipOf(source);
        if (called == null || from == null) {
            return false;
        }
        if (Arrays.equals(called, from)) {
            return true;
        }
        return HostKind.of(calledAt) == HostKind.UNSPECIFIED && HostKind.of(source) == HostKind.LOOPBACK;
    }

    /** The IP of a literal host (4 bytes for IPv4 and IPv4-mapped IPv6, else 16), or null for a name; never DNS. */
    public static byte[] ipOf(Address address) {
        long v4 = address.ipv4();
        if (v4 >= 0) {
            return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        }
        if (address.host().indexOf(':') < 0) {
            return null; // a name, or IPv4 in a form the transports never write
        }
        try {
            // A host with a colon can only be an IPv6 literal, which getByName parses without a lookup.
            InetAddress ip = InetAddress.getByName(address.host());
            return ip instanceof Inet4Address || ip.getAddress().length == 16 ? ip.getAddress() : null;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
