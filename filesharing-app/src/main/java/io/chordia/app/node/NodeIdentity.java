package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.core.id.NodeId;
import io.chordia.core.random.UnguessableRandom;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A node's Ed25519 key pair; its node id is SHA-1 of the 32-byte public key, so the id is kept
 * across restarts and cannot be picked freely by whoever runs the node. The private key is stored
 * as hex in an owner-only file.
 */
public final class NodeIdentity {
    private final Ed25519PrivateKeyParameters privateKey;
    private final Bytes publicKey;
    private final NodeId id;

    private NodeIdentity(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = Bytes.wrapOwned(privateKey.generatePublicKey().getEncoded());
        this.id = NodeId.sha1Of(publicKey.toArray());
    }

    /** Reads the identity in {@code file}, or creates one there when there is none. */
    public static NodeIdentity loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        NodeIdentity created = new NodeIdentity(new Ed25519PrivateKeyParameters(UnguessableRandom.create()));
        DataDir.writeOwnerOnly(file, HexFormat.of().formatHex(created.privateKey.getEncoded()) + "\n");
        return created;
    }

    private static NodeIdentity load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            byte[] seed = HexFormat.of().parseHex(text);
            if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                throw new IllegalArgumentException("length " + seed.length);
            }
            return new NodeIdentity(new Ed25519PrivateKeyParameters(seed, 0));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("the identity file " + file + " is damaged (expected 64 hex digits)",
                    "restore it from a backup, or delete it to start with a new node id");
        }
    }

    public NodeId id() {
        return id;
    }

    public Bytes publicKey() {
        return publicKey;
    }

    /** This key pair as a signer: what the node signs (its peer-directory entries) names its node id. */
    public RecordSigner signer() {
        return RecordSigner.fromPrivateKey(Bytes.wrapOwned(privateKey.getEncoded()));
    }
}
