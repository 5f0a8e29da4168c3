package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.core.net.Address;
import io.chordia.core.net.HostKind;
import io.chordia.transport.net.LocalAddresses;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Name resolution for the daemon, done once on the main thread: the transports take IP literals
 * only, so no event loop ever waits on DNS.
 */
public final class NetworkAddresses {
    /** What a node binds when {@code --host} is not given: every interface. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    private NetworkAddresses() {}

    /** Parses and resolves each {@code host:port}; a malformed or unknown one is a user error. */
    public static List<Address> resolveBootstrap(List<String> texts) {
        List<Address> out = new ArrayList<>();
        for (String text : texts) {
            out.add(resolveAddress(text, "bootstrap address", "--bootstrap 203.0.113.7:4000 or --bootstrap [2001:db8::7]:4000"));
        }
        return List.copyOf(out);
    }

    /** The interface to bind: {@code host} resolved, or every interface when none is given. */
    public static String bindHost(String host) {
        return host == null ? ALL_INTERFACES : resolve(host, "--host");
    }

    /**
     * {@code --advertise HOST:PORT} resolved, or null when not given. The wildcard is a user error:
     * it is what a node binds, never an address a peer can send to.
     */
    public static Address advertised(String text) {
        if (text == null) {
            return null;
        }
        Address a = resolveAddress(text, "--advertise address", "--advertise 203.0.113.7:4000");
        if (HostKind.of(a) == HostKind.UNSPECIFIED) {
            throw new UserFacingException("--advertise " + text + " is the wildcard address, which no peer can send to",
                    "give the address peers reach this node at, e.g. the router's public address and forwarded port");
        }
        return a;
    }

    private static Address resolveAddress(String text, String what, String example) {
        Address parsed;
        try {
            parsed = Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("malformed " + what + ": " + e.getMessage(),
                    "write it as host:port, e.g. " + example);
        }
        return new Address(resolve(parsed.host(), what.replace(" address", " host")), parsed.port());
    }

    private static String resolve(String host, String what) {
        try {
            return LocalAddresses.resolve(host);
        } catch (UnknownHostException e) {
            throw new UserFacingException("cannot resolve " + what + " '" + host + "'",
                    "check the name, or give an IP address instead");
        }
    }
}
