package io.chordia.transport.net;

import io.chordia.core.net.Address;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This machine's guesses at the address peers reach it on, for a node bound to every interface:
 * the local address that routes to a bootstrap node, then the first address of an interface that
 * is up and not loopback. Peers correct the guess once they see the node ({@code AdvertisedAddress}).
 */
public final class LocalAddresses {
    private LocalAddresses() {}

    /** The guesses, best first: the routes to {@code bootstrap} (in order), then {@link #firstNonLoopback()}. */
    public static List<String> guesses(List<Address> bootstrap) {
        List<String> out = new ArrayList<>();
        for (Address b : bootstrap) {
            String route = routeTo(b);
            if (route != null && !out.contains(route)) {
                out.add(route);
            }
        }
        String first = firstNonLoopback();
        if (first != null && !out.contains(first)) {
            out.add(first);
        }
        return List.copyOf(out);
    }

    /**
     * The local address the system would send from to reach {@code target} (a connected UDP
     * socket: no packet is sent), or {@code null} when there is no route or {@code target} is not
     * an IP literal.
     */
    public static String routeTo(Address target) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(target.host()), target.port()));
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? null : literal(local);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The first address, IPv4 before IPv6, of an interface that is up and neither loopback nor
     * point-to-point, skipping link-local addresses; {@code null} when there is none.
     */
    public static String firstNonLoopback() {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!i.isUp() || i.isLoopback() || i.isPointToPoint()) {
                    continue;
                }
                for (InetAddress a : Collections.list(i.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()) {
                        (a instanceof Inet4Address ? v4 : v6).add(a);
                    }
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return !v4.isEmpty() ? literal(v4.get(0)) : !v6.isEmpty() ? literal(v6.get(0)) : null;
    }

    /** {@code host} (a name or an IP literal) as the IP literal the transports take; may ask DNS. */
    public static String resolve(String host) throws java.net.UnknownHostException {
        return literal(InetAddress.getByName(host));
    }

    /**
     * The text of an address as the transports write it (dotted quad, or RFC 5952 IPv6 without a
     * scope id), so that an address given on the command line equals the one a peer observes.
     */
    public static String literal(InetAddress address) {
        return NetUtil.toAddressString(address);
    }
}
