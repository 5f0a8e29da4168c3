package io.chordia.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * One key per host that the host cannot multiply by opening ports or taking more addresses from
 * its own network: the IPv4 address, or the IPv6 /64 (one host is routinely handed a whole /64).
 * A host name is its own key. Used wherever peers are counted as distinct parties: address votes,
 * storage quotas.
 */
public final class HostKey {
    private HostKey() {}

    public static String of(Address address) {
        String host = address.host();
        if (host.indexOf(':') < 0) {
            return host;
        }
        try {
            // A host with a colon can only be an IPv6 literal, which getByName parses without a lookup.
            byte[] ip = InetAddress.getByName(host).getAddress();
            return ip.length == 16 ? HexFormat.of().formatHex(ip, 0, 8) + "::/64" : host;
        } catch (UnknownHostException | SecurityException e) {
            return host;
        }
    }
}
