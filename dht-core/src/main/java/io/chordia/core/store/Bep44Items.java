package io.chordia.core.store;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * BEP 44's item rules: an immutable item lives at SHA-1 of its bencoded value, a mutable one at
 * SHA-1(public key ‖ salt), and a mutable item's Ed25519 signature covers exactly the bencoded
 * buffer {@code 4:salt<len>:<salt>3:seqi<seq>e1:v<bencoded v>} (the salt pair only when the salt
 * is not empty): the dictionary entries as they appear, without the dictionary's {@code d}/{@code e}.
 */
public final class Bep44Items {
    /** BEP 44: "the bencoded v ... must be less than 1000 bytes". */
    public static final int MAX_VALUE_BYTES = 1000;
    public static final int MAX_SALT_BYTES = 64;

    private Bep44Items() {}

    /** Where an immutable item with bencoded value {@code value} lives. */
    public static NodeId immutableTarget(Bytes value) {
        return NodeId.sha1Of(value.toArray());
    }

    /** Where the mutable items of {@code publicKey} under {@code salt} live. */
    public static NodeId mutableTarget(Bytes publicKey, Bytes salt) {
        return DhtRecord.signedKey(publicKey, salt);
    }

    /** The exact bytes a mutable item's signature covers. */
    public static byte[] signedBuffer(Bytes salt, long seq, Bytes value) {
        Checks.check(salt.length() <= MAX_SALT_BYTES, "a salt is at most %s bytes, was %s", MAX_SALT_BYTES, salt.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + salt.length() + value.length());
        if (salt.length() > 0) {
            out.writeBytes(ascii("4:salt" + salt.length() + ":"));
            out.writeBytes(salt.toArray());
        }
        out.writeBytes(ascii("3:seqi" + seq + "e1:v"));
        out.writeBytes(value.toArray());
        return out.toByteArray();
    }

    /** The signature of {@code signer} over {@link #signedBuffer}. */
    public static Bytes sign(RecordSigner signer, Bytes salt, long seq, Bytes value) {
        return signer.signMessage(signedBuffer(salt, seq, value));
    }

    /** True when {@code signature} by {@code publicKey} covers {@link #signedBuffer}; false for any bad input. */
    public static boolean verifies(Bytes publicKey, Bytes salt, long seq, Bytes value, Bytes signature) {
        if (publicKey.length() != DhtRecord.PUBLIC_KEY_BYTES || signature.length() != DhtRecord.SIGNATURE_BYTES
                || salt.length() > MAX_SALT_BYTES) {
            return false;
        }
        return RecordSigner.verifyMessage(publicKey, signedBuffer(salt, seq, value), signature);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
