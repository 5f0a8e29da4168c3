package io.chordia.transport.netty;

import io.chordia.core.net.Address;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * {@link Address} to socket address and back, for IP literals only: resolving a name would block
 * the event loop on DNS. Names (a bootstrap host, say) are resolved by whoever starts the node.
 */
final class SocketAddresses {
    private SocketAddresses() {}

    /** The socket address of {@code address}, or {@code null} if its host is not an IP literal. */
    static InetSocketAddress toSocketAddress(Address address) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(address.host());
        if (ip == null) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), address.port());
        } catch (UnknownHostException e) {
            return null; // only for an array that is neither 4 nor 16 bytes, which NetUtil never returns
        }
    }

    /** The address of {@code socket} as text: dotted quad, or compressed IPv6 (RFC 5952). */
    static Address toAddress(InetSocketAddress socket) {
        return new Address(NetUtil.toAddressString(socket.getAddress()), socket.getPort());
    }
}
