package io.chordia.transport.codec;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv6 text in its canonical RFC 5952 form ({@code 2001:db8::1}: lower case, no leading zeros,
 * the longest zero run compressed), which is how the transport writes every address it observes,
 * to 16 bytes and back without touching DNS. Other spellings of the same address are not literals
 * here: they travel as text, so decoding always gives back the very string that was encoded.
 */
public final class Ipv6Literal {
    private Ipv6Literal() {}

    /** The 16 bytes of {@code host}, or {@code null} if it is not a canonical IPv6 literal. */
    public static byte[] parseCanonical(String host) {
        if (host.indexOf(':') < 0) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null || bytes.length != 16) {
            return null;
        }
        return host.equals(format(bytes)) ? bytes : null;
    }

    /**
     * The canonical text of 16 address bytes, or {@code null} for an IPv4-mapped address, which
     * Java turns into IPv4 and which therefore has no IPv6 text of its own.
     */
    public static String format(byte[] sixteen) {
        try {
            InetAddress a = InetAddress.getByAddress(sixteen);
            return a instanceof Inet6Address ? NetUtil.toAddressString(a) : null;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, got " + sixteen.length, e);
        }
    }
}
