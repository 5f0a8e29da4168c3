package io.chordia.routing.kademlia;

import io.chordia.core.net.Address;
import java.util.Locale;

/**
 * Groups addresses by network, for the per-bucket limit that keeps one operator from filling a
 * bucket: IPv4 by /24, IPv6 by /48, a host name by itself. Loopback addresses are exempt (every
 * peer of a local test shares 127.0.0.1), and so is anything we cannot parse as an IP literal
 * beyond its own name.
 * Replica selection ({@code SybilDefense}) counts distinct subnets by the same rule.
 */
public final class Subnets {
    private Subnets() {}

    /** The subnet key of {@code address}, or {@code null} when the address is exempt from the limit. */
    public static String of(Address address) {
        String host = address.host();
        if (host.indexOf(':') >= 0) {
            return ipv6(host);
        }
        int[] octets = ipv4(host);
        if (octets == null) {
            return "name:" + host.toLowerCase(Locale.ROOT);
        }
        if (octets[0] == 127) {
            return null;
        }
        return octets[0] + "." + octets[1] + "." + octets[2];
    }

    /** The four octets of a dotted-quad literal, or {@code null}. */
    static int[] ipv4(String host) {
        int[] out = new int[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                out[part++] = value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        out[3] = value;
        return out;
    }

    /** The first three 16-bit groups of an IPv6 literal, or the literal itself if it does not parse. */
    private static String ipv6(String host) {
        int[] groups = ipv6Groups(host);
        if (groups == null) {
            return "v6:" + host.toLowerCase(Locale.ROOT);
        }
        boolean loopback = groups[7] == 1;
        for (int i = 0; i < 7 && loopback; i++) {
            loopback = groups[i] == 0;
        }
        if (loopback) {
            return null;
        }
        return "v6:" + Integer.toHexString(groups[0]) + ":" + Integer.toHexString(groups[1]) + ":"
                + Integer.toHexString(groups[2]);
    }

    /** The eight groups of an IPv6 literal ({@code ::} allowed, no embedded IPv4, no zone), or {@code null}. */
    static int[] ipv6Groups(String host) {
        int zone = host.indexOf('%');
        String s = zone >= 0 ? host.substring(0, zone) : host;
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap >= 0 ? parseGroups(s.substring(0, gap)) : parseGroups(s);
        int[] tail = gap >= 0 ? parseGroups(s.substring(gap + 2)) : new int[0];
        if (head == null || tail == null || head.length + tail.length > (gap >= 0 ? 7 : 8)
                || (gap < 0 && head.length != 8)) {
            return null;
        }
        int[] out = new int[8];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, 8 - tail.length, tail.length);
        return out;
    }

    private static int[] parseGroups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }
}
