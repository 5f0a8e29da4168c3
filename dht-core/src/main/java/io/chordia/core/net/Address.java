package io.chordia.core.net;

import io.chordia.core.util.Checks;

/**
 * A host and port, validated but not resolved: the simulator never needs DNS, and only the Netty
 * transport turns an address into a socket address. IPv6 literals are held without brackets.
 *
 * <p>A value class rather than a record only to keep what every datagram asks of it at hand: its
 * hash (every endpoint lookup) and its IPv4 value (every encoding and byte count).
 */
public final class Address implements Comparable<Address> {
    public static final int MAX_HOST_LENGTH = 253;

    private final String host;
    private final int port;
    private final int hash;
    private final long ipv4;

    public Address(String host, int port) {
        Checks.notNull(host, "host");
        Checks.check(!host.isEmpty() && host.length() <= MAX_HOST_LENGTH,
                "host must be 1..%s characters, was %s", MAX_HOST_LENGTH, host.length());
        // A plain loop: addresses are built per datagram on the receive path, so no varargs here.
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c >= 127 || c == '/' || c == '[' || c == ']' || c == '@') {
                throw new IllegalArgumentException("host '" + host + "' has an illegal character at " + i);
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in [1, 65535], was " + port);
        }
        this.host = host;
        this.port = port;
        this.hash = host.hashCode() * 31 + port;
        this.ipv4 = Ipv4Literal.parse(host);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The host as an unsigned 32-bit IPv4 address when it is canonical dotted-quad text, else -1. */
    public long ipv4() {
        return ipv4;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Address a && hash == a.hash && port == a.port && host.equals(a.host));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * Parses {@code host:port} or {@code [v6]:port}. Throws {@link IllegalArgumentException} with
     * a message fit for a user when the text is not an address.
     */
    public static Address parse(String text) {
        Checks.notNull(text, "address");
        String s = text.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            Checks.check(close > 1 && close + 1 < s.length() && s.charAt(close + 1) == ':',
                    "'%s' is not an address: expected [ipv6]:port", text);
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            Checks.check(colon > 0 && colon == s.indexOf(':') && colon < s.length() - 1,
                    "'%s' is not an address: expected host:port", text);
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address: port '" + port + "' is not a number");
        }
        return new Address(host, p);
    }

    @Override
    public int compareTo(Address o) {
        int c = host.compareTo(o.host);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
