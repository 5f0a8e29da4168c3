package io.chordia.transport.netty;

import io.chordia.core.net.Address;
import java.net.InetSocketAddress;

/**
 * Recent conversions between {@link Address} and socket addresses, so a node answering the same
 * peers over and over neither re-parses nor re-validates their addresses on every datagram.
 * Direct-mapped and fixed in size: hostile traffic can evict entries but not grow memory.
 * Confined to one event loop.
 */
final class SocketAddressCache {
    private static final int SIZE = 256;

    private final InetSocketAddress[] sockets = new InetSocketAddress[SIZE];
    private final Address[] addresses = new Address[SIZE];
    private final Address[] outKeys = new Address[SIZE];
    private final InetSocketAddress[] outValues = new InetSocketAddress[SIZE];

    /** The {@link Address} of a datagram's source; throws {@link IllegalArgumentException} for port 0. */
    Address toAddress(InetSocketAddress socket) {
        int i = slot(socket.hashCode());
        if (socket.equals(sockets[i])) {
            return addresses[i];
        }
        Address a = SocketAddresses.toAddress(socket);
        sockets[i] = socket;
        addresses[i] = a;
        return a;
    }

    /** The socket address to send to, or {@code null} when the host is not an IP literal. */
    InetSocketAddress toSocketAddress(Address address) {
        int i = slot(address.hashCode());
        if (address.equals(outKeys[i])) {
            return outValues[i];
        }
        InetSocketAddress s = SocketAddresses.toSocketAddress(address);
        if (s != null) {
            outKeys[i] = address;
            outValues[i] = s;
        }
        return s;
    }

    private static int slot(int hash) {
        int h = hash * 0x9E3779B9;
        return (h ^ h >>> 16) & (SIZE - 1);
    }
}
