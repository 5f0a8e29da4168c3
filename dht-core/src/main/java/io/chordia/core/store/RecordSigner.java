package io.chordia.core.store;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 key pair that signs mutable records. The signed message is
 * {@code salt length (1) ‖ salt ‖ sequence (8, big-endian) ‖ value}, so a signature cannot be
 * replayed under another salt or sequence number. It signs {@link PeerSetEntry peer-set entries} too,
 * under their own domain prefix.
 */
public final class RecordSigner {
    private final Ed25519PrivateKeyParameters privateKey;
    private final Bytes publicKey;

    private RecordSigner(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = Bytes.wrapOwned(privateKey.generatePublicKey().getEncoded());
    }

    /** A new key pair from {@code random} (seeded in simulation; from a SecureRandom on a real node). */
    public static RecordSigner generate(RandomGenerator random) {
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        random.nextBytes(seed);
        return new RecordSigner(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** The key pair whose 32-byte private key is {@code privateKey} (as persisted). */
    public static RecordSigner fromPrivateKey(Bytes privateKey) {
        Checks.check(privateKey.length() == Ed25519PrivateKeyParameters.KEY_SIZE, "an Ed25519 private key is 32 bytes");
        return new RecordSigner(new Ed25519PrivateKeyParameters(privateKey.toArray(), 0));
    }

    public Bytes publicKey() {
        return publicKey;
    }

    public Bytes privateKey() {
        return Bytes.wrapOwned(privateKey.getEncoded());
    }

    /** A signed record of this key under {@code salt} with sequence number {@code sequence}. */
    public DhtRecord sign(Bytes salt, long sequence, Bytes value, Duration ttl) {
        return new DhtRecord(DhtRecord.signedKey(publicKey, salt), RecordKind.SIGNED, value, sequence,
                io.chordia.core.id.NodeId.ZERO, publicKey, salt, signMessage(signedMessage(salt, sequence, value)), ttl);
    }

    /** Ed25519 signature of {@code message}: callers domain-separate their messages. */
    Bytes signMessage(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return Bytes.wrapOwned(signer.generateSignature());
    }

    /** False for a bad signature and for 32 bytes that are no Ed25519 point, which a hostile writer can send. */
    static boolean verifyMessage(Bytes publicKey, byte[] message, Bytes signature) {
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(publicKey.toArray(), 0);
        } catch (IllegalArgumentException notAPoint) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature.toArray());
    }

    /** True when {@code record}'s signature verifies against its public key. */
    static boolean verify(DhtRecord record) {
        return verifyMessage(record.publicKey(), signedMessage(record.salt(), record.version(), record.value()),
                record.signature());
    }

    private static byte[] signedMessage(Bytes salt, long sequence, Bytes value) {
        ByteBuffer b = ByteBuffer.allocate(1 + salt.length() + 8 + value.length());
        b.put((byte) salt.length());
        b.put(salt.toArray());
        b.putLong(sequence);
        b.put(value.toArray());
        return b.array();
    }
}
