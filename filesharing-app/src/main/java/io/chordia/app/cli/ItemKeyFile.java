package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.node.DataDir;
import io.chordia.core.random.UnguessableRandom;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The Ed25519 key of {@code put --mutable}: a file holding the 32-byte seed as 64 hex digits (the
 * form the interop drivers take), created owner-only with a fresh seed when missing. The key signs
 * in the client; the daemon only ever sees the public key and the signature.
 */
final class ItemKeyFile {
    private static final Pattern SEED = Pattern.compile("[0-9a-fA-F]{64}");

    private ItemKeyFile() {}

    static RecordSigner loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                RecordSigner created = RecordSigner.generate(UnguessableRandom.create());
                DataDir.writeOwnerOnly(file.toAbsolutePath(), HexFormat.of().formatHex(created.privateKey().toArray()) + "\n");
                return created;
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!SEED.matcher(text).matches()) {
                throw new UserFacingException("the key file " + file + " does not hold an Ed25519 seed (64 hex digits)",
                        "give another --key-file, or a path that does not exist yet to create a new key there");
            }
            return RecordSigner.fromPrivateKey(Bytes.wrapOwned(HexFormat.of().parseHex(text)));
        } catch (IOException e) {
            throw new UserFacingException("cannot use the key file " + file + ": " + e.getMessage(),
                    "check that its directory exists and is yours", e);
        }
    }
}
