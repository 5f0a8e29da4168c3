package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.core.id.NodeId;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.util.HexFormat;

/**
 * A node's Ed25519 key pair; its node id is SHA-1 of the 32-byte public key, so the id is kept
 * across restarts and cannot be picked freely by whoever runs the node. The private key is stored
 * as hex in an owner-only file, the public key beside it ({@code identity.pub}).
 *
 * <p>The public key is read from its file rather than derived at each start: deriving it takes
 * Bouncy Castle, whose signed jar the JVM verifies on first use and class-data sharing cannot
 * archive, which cost a node a fifth of its start. A new key pair comes from the JDK's Ed25519;
 * Bouncy Castle loads when the node first signs, and the signer then checks that the stored public
 * key is the private key's.
 */
public final class NodeIdentity {
    private static final int KEY_BYTES = 32;

    private final Bytes privateKey;
    private final Bytes publicKey;
    private final NodeId id;
    private final Path publicKeyFile;
    private RecordSigner signer;

    private NodeIdentity(Bytes privateKey, Bytes publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.id = NodeId.sha1Of(publicKey.toArray());
        this.publicKeyFile = publicKeyFile;
    }

    /** Reads the identity in {@code file}, or creates one there when there is none. */
    public static NodeIdentity loadOrCreate(Path file) throws IOException {
        Path publicKeyFile = publicKeyFile(file);
        if (Files.exists(file)) {
            return load(file, publicKeyFile);
        }
        // The JDK's Ed25519 (no Bouncy Castle on the start path, even the first one); the signer checks it agrees.
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no Ed25519", e);
        }
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        Bytes publicKey = encoded(((EdECPublicKey) pair.getPublic()).getPoint());
        DataDir.writeOwnerOnly(file, HexFormat.of().formatHex(seed) + "\n");
        writePublicKey(publicKeyFile, publicKey);
        return new NodeIdentity(Bytes.wrapOwned(seed), publicKey, publicKeyFile);
    }

    /** RFC 8032's encoding of a point: y in 32 little-endian bytes, x's parity in the top bit. */
    static Bytes encoded(EdECPoint point) {
        byte[] bigEndian = point.getY().toByteArray();
        byte[] out = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            out[KEY_BYTES - 1] |= (byte) 0x80;
        }
        return Bytes.wrapOwned(out);
    }

    /** {@code identity.key}'s public key file, {@code identity.pub}. */
    static Path publicKeyFile(Path keyFile) {
        String name = keyFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return keyFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".pub");
    }

    private static NodeIdentity load(Path file, Path publicKeyFile) throws IOException {
        Bytes privateKey = readKey(file);
        if (privateKey == null) {
            throw new UserFacingException("the identity file " + file + " is damaged (expected 64 hex digits)",
                    "restore it from a backup, or delete it to start with a new node id");
        }
        Bytes publicKey = Files.exists(publicKeyFile) ? readKey(publicKeyFile) : null;
        if (publicKey != null) {
            return new NodeIdentity(privateKey, publicKey, publicKeyFile);
        }
        // A data directory from before the public key was stored, or a damaged public key file: derive it once.
        RecordSigner signer = RecordSigner.fromPrivateKey(privateKey);
        writePublicKey(publicKeyFile, signer.publicKey());
        NodeIdentity loaded = new NodeIdentity(privateKey, signer.publicKey(), publicKeyFile);
        loaded.signer = signer;
        return loaded;
    }

    /** The 32 bytes written as 64 hex digits in {@code file}, or null when it holds anything else. */
    private static Bytes readKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            byte[] key = HexFormat.of().parseHex(text);
            return key.length == KEY_BYTES ? Bytes.wrapOwned(key) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void writePublicKey(Path file, Bytes publicKey) throws IOException {
        DataDir.writeAtomically(file, HexFormat.of().formatHex(publicKey.toArray()) + "\n");
    }

    public NodeId id() {
        return id;
    }

    public Bytes publicKey() {
        return publicKey;
    }

    /**
     * This key pair as a signer: what the node signs (its peer-directory entries) names its node id.
     * Made on first use (Bouncy Castle loads then).
     *
     * @throws UserFacingException when {@code identity.pub} is not the private key's public key
     */
    public synchronized RecordSigner signer() {
        if (signer == null) {
            RecordSigner made = RecordSigner.fromPrivateKey(privateKey);
            if (!made.publicKey().equals(publicKey)) {
                throw new UserFacingException("the public key in " + publicKeyFile + " does not belong to the node's"
                        + " private key", "delete " + publicKeyFile + " and restart the node: it is derived again");
            }
            signer = made;
        }
        return signer;
    }
}
