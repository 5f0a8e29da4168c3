package io.chordia.app.node;

import io.chordia.app.cli.UserFacingException;
import io.chordia.core.net.Address;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Name resolution for the daemon, done once on the main thread: the transports take IP literals
 * only, so no event loop ever waits on DNS.
 */
public final class NetworkAddresses {
    private NetworkAddresses() {}

    /** Parses and resolves each {@code host:port}; a malformed or unknown one is a user error. */
    public static List<Address> resolveBootstrap(List<String> texts) {
        List<Address> out = new ArrayList<>();
        for (String text : texts) {
            Address parsed;
            try {
                parsed = Address.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("malformed bootstrap address: " + e.getMessage(),
                        "write it as host:port, e.g. --bootstrap 203.0.113.7:4000 or --bootstrap [2001:db8::7]:4000");
            }
            out.add(new Address(resolve(parsed.host(), "bootstrap host"), parsed.port()));
        }
        return List.copyOf(out);
    }

    /**
     * The address to bind and advertise: {@code host} resolved, or when none is given, the local
     * address the system routes to the first bootstrap node through (no packet is sent), or
     * 127.0.0.1 for a node that starts a network alone.
     */
    public static String localHost(String host, List<Address> bootstrap) {
        if (host != null) {
            return resolve(host, "--host");
        }
        for (Address b : bootstrap) {
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(InetAddress.getByName(b.host()), b.port()));
                InetAddress local = probe.getLocalAddress();
                if (local != null && !local.isAnyLocalAddress()) {
                    return literal(local);
                }
            } catch (IOException e) {
                // no route to this one: try the next, then fall back to loopback
            }
        }
        return "127.0.0.1";
    }

    private static String resolve(String host, String what) {
        try {
            return literal(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            throw new UserFacingException("cannot resolve " + what + " '" + host + "'",
                    "check the name, or give an IP address instead");
        }
    }

    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope >= 0 ? text.substring(0, scope) : text;
    }
}
