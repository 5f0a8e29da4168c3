package io.chordia.core.store;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * A value stored in the DHT. The constructor checks what is cheap (sizes, key derivation, a peer
 * set's encoding); the signature of a {@link RecordKind#SIGNED} record is checked by
 * {@link RecordRules#verify}, those of a {@link RecordKind#PEER_SET}'s entries by {@link PeerSetRules}.
 *
 * @param key       where it lives on the ring
 * @param kind      how the key relates to the content
 * @param value     at most {@link #MAX_VALUE_BYTES}
 * @param version   sequence number (signed) or version (plain); 0 for immutable and peer sets
 * @param writer    the writer's id (plain: the tie-breaker); {@link NodeId#ZERO} otherwise
 * @param publicKey Ed25519 public key, 32 bytes (signed), else empty
 * @param salt      at most {@link #MAX_SALT_BYTES} (signed), else empty
 * @param signature Ed25519 signature, 64 bytes (signed), else empty
 * @param ttl       how long a replica keeps it without a refresh, at most {@link #MAX_TTL}
 */
public record DhtRecord(NodeId key, RecordKind kind, Bytes value, long version, NodeId writer, Bytes publicKey,
                        Bytes salt, Bytes signature, Duration ttl) {
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    public static final int MAX_SALT_BYTES = 64;
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    public static final Duration MAX_TTL = Duration.ofDays(7);

    public DhtRecord {
        Checks.notNull(key, "key");
        Checks.notNull(kind, "kind");
        Checks.notNull(value, "value");
        Checks.notNull(writer, "writer");
        Checks.notNull(publicKey, "publicKey");
        Checks.notNull(salt, "salt");
        Checks.notNull(signature, "signature");
        Checks.positive(ttl, "ttl");
        Checks.check(ttl.compareTo(MAX_TTL) <= 0, "ttl at most %s, was %s", MAX_TTL, ttl);
        Checks.check(value.length() <= MAX_VALUE_BYTES, "a value is at most %s bytes, was %s", MAX_VALUE_BYTES, value.length());
        Checks.check(version >= 0, "version must not be negative, was %s", version);
        switch (kind) {
            case IMMUTABLE -> {
                Checks.check(version == 0 && publicKey.length() == 0 && salt.length() == 0 && signature.length() == 0,
                        "an immutable record has no version, key pair, salt or signature");
                Checks.check(key.equals(NodeId.sha1Of(value.toArray())), "an immutable record's key is SHA-1 of its value");
            }
            case SIGNED -> {
                Checks.check(publicKey.length() == PUBLIC_KEY_BYTES, "a public key is %s bytes, was %s",
                        PUBLIC_KEY_BYTES, publicKey.length());
                Checks.check(salt.length() <= MAX_SALT_BYTES, "a salt is at most %s bytes, was %s", MAX_SALT_BYTES, salt.length());
                Checks.check(signature.length() == SIGNATURE_BYTES, "a signature is %s bytes, was %s",
                        SIGNATURE_BYTES, signature.length());
                Checks.check(key.equals(signedKey(publicKey, salt)), "a signed record's key is SHA-1(public key ‖ salt)");
            }
            case PLAIN -> Checks.check(publicKey.length() == 0 && salt.length() == 0 && signature.length() == 0,
                    "a plain record has no key pair, salt or signature");
            case PEER_SET -> {
                Checks.check(version == 0 && writer.equals(NodeId.ZERO) && publicKey.length() == 0 && salt.length() == 0
                        && signature.length() == 0, "a peer set has no version, writer, key pair, salt or signature: its entries do");
                PeerSetCodec.decode(value);
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    public static DhtRecord immutable(Bytes value, Duration ttl) {
        return new DhtRecord(NodeId.sha1Of(value.toArray()), RecordKind.IMMUTABLE, value, 0, NodeId.ZERO, Bytes.EMPTY,
                Bytes.EMPTY, Bytes.EMPTY, ttl);
    }

    public static DhtRecord plain(NodeId key, Bytes value, long version, NodeId writer, Duration ttl) {
        return new DhtRecord(key, RecordKind.PLAIN, value, version, writer, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, ttl);
    }

    /** A peer set under {@code key} that lives on a replica until its last entry expires. */
    public static DhtRecord peerSet(NodeId key, java.util.List<PeerSetEntry> entries, long nowEpochSecond) {
        return new DhtRecord(key, RecordKind.PEER_SET, PeerSetCodec.encode(entries), 0, NodeId.ZERO, Bytes.EMPTY,
                Bytes.EMPTY, Bytes.EMPTY, PeerSetRules.ttlOf(entries, nowEpochSecond));
    }

    /** The key of the signed records of {@code publicKey} under {@code salt}. */
    public static NodeId signedKey(Bytes publicKey, Bytes salt) {
        byte[] both = new byte[publicKey.length() + salt.length()];
        publicKey.copyTo(both, 0);
        salt.copyTo(both, publicKey.length());
        return NodeId.sha1Of(both);
    }

    /** The same record with another time to live (a refresh). */
    public DhtRecord withTtl(Duration value) {
        return new DhtRecord(key, kind, this.value, version, writer, publicKey, salt, signature, value);
    }

    /** Same content: everything but the TTL. */
    public boolean sameContent(DhtRecord o) {
        return key.equals(o.key) && kind == o.kind && value.equals(o.value) && version == o.version
                && writer.equals(o.writer) && publicKey.equals(o.publicKey) && salt.equals(o.salt)
                && signature.equals(o.signature);
    }

    /**
     * SHA-1 over everything {@link #sameContent} compares, so replicas can check that they agree
     * without shipping the value: equal digests mean the same content.
     */
    public Bytes contentDigest() {
        java.security.MessageDigest sha1;
        try {
            sha1 = java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        sha1.update(key.toBytes());
        sha1.update((byte) kind.ordinal());
        sha1.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(version).array());
        sha1.update(writer.toBytes());
        for (Bytes part : new Bytes[] {value, publicKey, salt, signature}) {
            sha1.update(java.nio.ByteBuffer.allocate(Integer.BYTES).putInt(part.length()).array());
            sha1.update(part.toArray());
        }
        return Bytes.wrapOwned(sha1.digest());
    }
}
