package io.chordia.core.id;

import io.chordia.core.util.Checks;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;

/**
 * Node ids bound to the node's IP address, exactly as BitTorrent's BEP 42 (DHT security
 * extension) defines them: the first 21 bits of the id are the top 21 bits of
 * CRC32C((ip & mask) | r << 29) for IPv4 (mask 0x030f3fff) or of the first 8 bytes of an IPv6
 * address (mask 0x0103070f1f3f7fff, r in the top 3 bits), where r is the low 3 bits of the id's
 * last byte; the other bits are free. An attacker with one address then has 8 prefixes to choose
 * from, and one /24 gives it 2^11: enough to grind ids into a key's replica window in a
 * network of thousands, so this limits how many places an address can be, not what a subnet
 * can do (see docs/protocols/storage.md). Addresses of local networks are exempt, as BEP 42 says.
 */
public final class Bep42 {
    private static final byte[] V4_MASK = {0x03, 0x0f, 0x3f, (byte) 0xff};
    private static final byte[] V6_MASK = {0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, (byte) 0xff};
    /** The top 21 bits of an id, as they sit in its first 32-bit word. */
    private static final int PREFIX_MASK = 0xfffff800;

    private Bep42() {}

    /** The CRC32C that gives an id's first 21 bits, for {@code ip} (4 or 16 bytes) and {@code r} in [0, 8). */
    public static int crc(byte[] ip, int r) {
        Checks.check(ip.length == 4 || ip.length == 16, "an IP address is 4 or 16 bytes, got %s", ip.length);
        Checks.inRange(r, 0, 7, "r");
        byte[] mask = ip.length == 4 ? V4_MASK : V6_MASK;
        byte[] masked = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            masked[i] = (byte) (ip[i] & mask[i]);
        }
        masked[0] |= (byte) (r << 5);
        CRC32C crc = new CRC32C();
        crc.update(masked);
        return (int) crc.getValue();
    }

    /** A random id valid for {@code ip}: the prefix for a random r, random bits after it, the random byte last. */
    public static NodeId idFor(byte[] ip, RandomGenerator random) {
        byte[] id = new byte[NodeId.BYTES];
        random.nextBytes(id);
        int r = id[NodeId.BYTES - 1] & 7;
        int crc = crc(ip, r);
        id[0] = (byte) (crc >>> 24);
        id[1] = (byte) (crc >>> 16);
        id[2] = (byte) ((crc >>> 8) & 0xf8 | id[2] & 0x07);
        return NodeId.fromBytes(id);
    }

    /** True when {@code id} is valid for {@code ip}, or {@code ip} is on a local network (exempt). */
    public static boolean isValid(NodeId id, byte[] ip) {
        if (isExempt(ip)) {
            return true;
        }
        byte[] bytes = id.toBytes();
        int r = bytes[NodeId.BYTES - 1] & 7;
        int first = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8;
        return ((first ^ crc(ip, r)) & PREFIX_MASK) == 0;
    }

    /** BEP 42's exemptions: 10/8, 172.16/12, 192.168/16, 169.254/16, 127/8 (IPv4 only). */
    public static boolean isExempt(byte[] ip) {
        if (ip.length != 4) {
            return false;
        }
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        return a == 10 || a == 127 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168) || (a == 169 && b == 254);
    }
}
