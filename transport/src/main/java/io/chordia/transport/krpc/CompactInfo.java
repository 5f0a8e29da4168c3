package io.chordia.transport.krpc;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.net.Ipv4Literal;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import io.chordia.transport.codec.Ipv6Literal;
import java.util.Arrays;
import java.util.List;

/**
 * BEP 5's compact forms: an address is its IP (4 or 16 bytes) and port (2, big-endian); a node is
 * its id (20) and address. {@code nodes} holds 26-byte IPv4 nodes, BEP 32's {@code nodes6} 38-byte
 * IPv6 ones. A host that is not an IP literal has no compact form and is left out when encoding.
 */
final class CompactInfo {
    static final int IPV4_NODE_BYTES = NodeId.BYTES + 4 + 2;
    static final int IPV6_NODE_BYTES = NodeId.BYTES + 16 + 2;

    private CompactInfo() {}

    /** The compact address of {@code a}, or {@code null} if its host is not an IP literal. */
    static byte[] address(Address a) {
        byte[] ip = ip(a);
        if (ip == null) {
            return null;
        }
        byte[] out = new byte[ip.length + 2];
        System.arraycopy(ip, 0, out, 0, ip.length);
        out[ip.length] = (byte) (a.port() >>> 8);
        out[ip.length + 1] = (byte) a.port();
        return out;
    }

    /** 4 bytes for IPv4, 16 for IPv6, {@code null} for a name. */
    static byte[] ip(Address a) {
        long v4 = a.ipv4();
        if (v4 >= 0) {
            return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        }
        return Ipv6Literal.parseCanonical(a.host());
    }

    /**
     * The address in {@code data[offset, offset + ipBytes + 2)}, or {@code null} when its port is 0
     * or its IPv6 bytes are IPv4-mapped (neither is an address anyone answers on).
     */
    static Address readAddress(byte[] data, int offset, int ipBytes) {
        int port = ((data[offset + ipBytes] & 0xff) << 8) | (data[offset + ipBytes + 1] & 0xff);
        if (port == 0) {
            return null;
        }
        String host;
        if (ipBytes == 4) {
            host = Ipv4Literal.format(((data[offset] & 0xff) << 24) | ((data[offset + 1] & 0xff) << 16)
                    | ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff));
        } else {
            byte[] sixteen = new byte[16];
            System.arraycopy(data, offset, sixteen, 0, 16);
            host = Ipv6Literal.format(sixteen);
            if (host == null) {
                return null;
            }
        }
        return new Address(host, port);
    }

    /** A compact address of either family ({@code ip}, peer values); {@code null} for a length that is neither. */
    static Address readAddress(byte[] compact) {
        if (compact.length == 6) {
            return readAddress(compact, 0, 4);
        } else if (compact.length == 18) {
            return readAddress(compact, 0, 16);
        }
        return null;
    }

    /** The contacts among {@code contacts} whose IP has {@code ipBytes} bytes, as one compact string. */
    static byte[] nodes(List<Contact> contacts, int ipBytes) {
        int nodeBytes = NodeId.BYTES + ipBytes + 2;
        byte[] out = new byte[contacts.size() * nodeBytes];
        int p = 0;
        for (int i = 0; i < contacts.size(); i++) {
            byte[] address = address(contacts.get(i).address());
            if (address != null && address.length == ipBytes + 2) {
                contacts.get(i).id().writeTo(out, p);
                System.arraycopy(address, 0, out, p + NodeId.BYTES, address.length);
                p += nodeBytes;
            }
        }
        return p == out.length ? out : Arrays.copyOf(out, p);
    }

    /**
     * The nodes in a compact string, at most {@code max} of them (checked before anything is
     * built). Entries whose port is 0 are skipped, as libtorrent skips them.
     */
    static void readNodes(Bytes compact, int ipBytes, int max, List<Contact> into) throws MalformedMessageException {
        int nodeBytes = NodeId.BYTES + ipBytes + 2;
        if (compact.length() % nodeBytes != 0) {
            throw new MalformedMessageException(DropReason.MALFORMED,
                    "compact nodes of " + compact.length() + " bytes, not a multiple of " + nodeBytes);
        }
        int count = compact.length() / nodeBytes;
        if (into.size() + count > max) {
            throw new MalformedMessageException(DropReason.MALFORMED,
                    (into.size() + count) + " nodes, at most " + max);
        }
        byte[] data = compact.toArray();
        for (int p = 0; p < data.length; p += nodeBytes) {
            Address a = readAddress(data, p + NodeId.BYTES, ipBytes);
            if (a != null) {
                into.add(new Contact(NodeId.fromBytes(data, p), a));
            }
        }
    }
}
