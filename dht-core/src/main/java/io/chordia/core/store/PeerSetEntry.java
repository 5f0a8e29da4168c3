package io.chordia.core.store;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One entry of a {@link RecordKind#PEER_SET} record: the holder of {@code signer} says it serves
 * the record's key at {@code ip:port} until {@code expiresEpochSecond} (wall clock). The signature
 * covers the record's key as well, so an entry copied under another key does not verify; the
 * sequence number orders one signer's entries, so an old one cannot be replayed over a newer one.
 *
 * @param signer    Ed25519 public key, 32 bytes; SHA-1 of it is the signer's node id
 * @param ip        4 (IPv4) or 16 (IPv6) address bytes
 * @param port      1 to 65535
 * @param sequence  at least 1; higher replaces lower for the same signer
 * @param signature Ed25519 over {@link #signedMessage}, 64 bytes
 */
public record PeerSetEntry(Bytes signer, Bytes ip, int port, long sequence, long expiresEpochSecond, Bytes signature) {
    public static final long MAX_EPOCH_SECOND = 0xFFFF_FFFFL;
    /**
     * Starts every signed message. Its first byte (0x63) is larger than any salt length, and a
     * signed record's message starts with its salt length, so neither signature verifies as the other.
     */
    private static final byte[] DOMAIN = "chordia peer-set entry v1".getBytes(StandardCharsets.US_ASCII);

    public PeerSetEntry {
        Checks.notNull(signer, "signer");
        Checks.notNull(ip, "ip");
        Checks.notNull(signature, "signature");
        Checks.check(signer.length() == DhtRecord.PUBLIC_KEY_BYTES, "a signer key is %s bytes, was %s",
                DhtRecord.PUBLIC_KEY_BYTES, signer.length());
        Checks.check(ip.length() == 4 || ip.length() == 16, "an IP address is 4 or 16 bytes, was %s", ip.length());
        Checks.inRange(port, 1, 0xFFFF, "port");
        Checks.check(sequence >= 1, "a sequence number is at least 1, was %s", sequence);
        Checks.inRange(expiresEpochSecond, 0, MAX_EPOCH_SECOND, "expiresEpochSecond");
        Checks.check(signature.length() == DhtRecord.SIGNATURE_BYTES, "a signature is %s bytes, was %s",
                DhtRecord.SIGNATURE_BYTES, signature.length());
    }

    /** An entry for the record under {@code key}, signed by {@code signer}. */
    public static PeerSetEntry sign(RecordSigner signer, NodeId key, Bytes ip, int port, long sequence,
                                    long expiresEpochSecond) {
        byte[] message = signedMessage(key, signer.publicKey(), ip, port, sequence, expiresEpochSecond);
        return new PeerSetEntry(signer.publicKey(), ip, port, sequence, expiresEpochSecond, signer.signMessage(message));
    }

    /** True when the signature verifies for an entry stored under {@code key}. */
    public boolean verifies(NodeId key) {
        return RecordSigner.verifyMessage(signer, signedMessage(key, signer, ip, port, sequence, expiresEpochSecond),
                signature);
    }

    /** The node id of the signer: SHA-1 of its public key, as a node's id is. */
    public NodeId signerId() {
        return NodeId.sha1Of(signer.toArray());
    }

    /** {@code DOMAIN ‖ key (20) ‖ signer (32) ‖ ip length (1) ‖ ip ‖ port (2) ‖ sequence (8) ‖ expiry (4)}. */
    static byte[] signedMessage(NodeId key, Bytes signer, Bytes ip, int port, long sequence, long expiresEpochSecond) {
        ByteBuffer b = ByteBuffer.allocate(DOMAIN.length + NodeId.BYTES + signer.length() + 1 + ip.length() + 2 + 8 + 4);
        b.put(DOMAIN).put(key.toBytes()).put(signer.toArray()).put((byte) ip.length()).put(ip.toArray())
                .putShort((short) port).putLong(sequence).putInt((int) expiresEpochSecond);
        return b.array();
    }
}
