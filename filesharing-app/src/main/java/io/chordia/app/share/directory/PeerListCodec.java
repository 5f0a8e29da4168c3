package io.chordia.app.share.directory;

import io.chordia.core.net.Address;
import io.chordia.core.util.Bytes;
import io.netty.util.NetUtil;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of one peer-list slot in the DHT:
 * {@code version u8 = 1 | count u8 | per peer: family u8 (4 or 6), 4 or 16 address bytes, port u16,
 * expiry u32 (epoch seconds)}. At most {@link #MAX_PEERS} peers: 32 IPv6 entries are 738 bytes,
 * so a value fits a datagram with room for the record's envelope.
 */
final class PeerListCodec {
    static final int MAX_PEERS = 32;
    private static final int VERSION = 1;

    private PeerListCodec() {}

    /** True when {@code address} can be announced: an IP literal (peers are reached without DNS). */
    static boolean encodable(Address address) {
        return NetUtil.createByteArrayFromIpAddressString(address.host()) != null;
    }

    static Bytes encode(List<PeerEntry> peers) {
        if (peers.size() > MAX_PEERS) {
            throw new IllegalArgumentException("at most " + MAX_PEERS + " peers per slot, got " + peers.size());
        }
        ByteBuffer b = ByteBuffer.allocate(2 + peers.size() * 23);
        b.put((byte) VERSION).put((byte) peers.size());
        for (PeerEntry p : peers) {
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(p.address().host());
            if (ip == null) {
                throw new IllegalArgumentException("not an IP literal: " + p.address().host());
            }
            b.put((byte) (ip.length == 4 ? 4 : 6)).put(ip).putShort((short) p.address().port())
                    .putInt((int) p.expiresEpochSecond());
        }
        return Bytes.copyOf(b.array(), 0, b.position());
    }

    /** Decodes a slot's value; a malformed value (an older format, a hostile writer) counts as empty. */
    static List<PeerEntry> decodeOrEmpty(Bytes value) {
        ByteBuffer b = ByteBuffer.wrap(value.toArray());
        try {
            if ((b.get() & 0xFF) != VERSION) {
                return List.of();
            }
            int n = b.get() & 0xFF;
            if (n > MAX_PEERS) {
                return List.of();
            }
            List<PeerEntry> peers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int family = b.get();
                if (family != 4 && family != 6) {
                    return List.of();
                }
                byte[] ip = new byte[family == 4 ? 4 : 16];
                b.get(ip);
                int port = b.getShort() & 0xFFFF;
                long expiry = b.getInt() & 0xFFFF_FFFFL;
                peers.add(new PeerEntry(new Address(NetUtil.bytesToIpAddress(ip), port), expiry));
            }
            return b.hasRemaining() ? List.of() : peers;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
