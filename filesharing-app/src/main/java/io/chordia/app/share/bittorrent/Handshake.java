package io.chordia.app.share.bittorrent;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * BEP 3's handshake, the first 68 bytes each way: 19, "BitTorrent protocol", 8 reserved bytes, the
 * infohash, the peer id. Of the reserved bits we set and read only BEP 10's extension protocol
 * (bit 0x10 of byte 5); the fast extension (BEP 6) is not implemented, so its bit stays clear.
 */
public record Handshake(boolean extensionProtocol, InfoHash infoHash, Bytes peerId) {
    public static final int LENGTH = 68;
    public static final byte PSTRLEN = 19;
    public static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
    private static final int RESERVED_AT = 20;
    private static final int EXTENSION_BYTE = RESERVED_AT + 5;
    private static final int EXTENSION_BIT = 0x10;

    public Handshake {
        Checks.notNull(infoHash, "infoHash");
        Checks.check(peerId.length() == 20, "a peer id has 20 bytes, not %s", peerId.length());
    }

    /** True when {@code in} starts (from its position) like a handshake as far as it goes: how a connection's protocol is told. */
    public static boolean startsLikeOne(ByteBuffer in) {
        int n = Math.min(in.remaining(), 1 + PROTOCOL.length);
        for (int i = 0; i < n; i++) {
            byte expected = i == 0 ? PSTRLEN : PROTOCOL[i - 1];
            if (in.get(in.position() + i) != expected) {
                return false;
            }
        }
        return true;
    }

    /** The handshake at the start of {@code in}, consumed; null (nothing consumed) while fewer than 68 bytes are there. */
    public static Handshake read(ByteBuffer in) throws PeerWireViolation {
        if (in.remaining() < LENGTH) {
            if (!startsLikeOne(in)) {
                throw new PeerWireViolation(io.chordia.app.share.swarm.DropReason.MALFORMED, "not a BitTorrent handshake");
            }
            return null;
        }
        if (!startsLikeOne(in)) {
            throw new PeerWireViolation(io.chordia.app.share.swarm.DropReason.MALFORMED, "not a BitTorrent handshake");
        }
        int start = in.position();
        boolean extensions = (in.get(start + EXTENSION_BYTE) & EXTENSION_BIT) != 0;
        byte[] hash = new byte[InfoHash.BYTES];
        byte[] peer = new byte[20];
        in.position(start + RESERVED_AT + 8);
        in.get(hash).get(peer);
        return new Handshake(extensions, InfoHash.fromBytes(hash), Bytes.wrapOwned(peer));
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        out[0] = PSTRLEN;
        System.arraycopy(PROTOCOL, 0, out, 1, PROTOCOL.length);
        if (extensionProtocol) {
            out[EXTENSION_BYTE] |= EXTENSION_BIT;
        }
        System.arraycopy(infoHash.toBytes(), 0, out, RESERVED_AT + 8, InfoHash.BYTES);
        peerId.copyTo(out, RESERVED_AT + 8 + InfoHash.BYTES);
        return out;
    }
}
