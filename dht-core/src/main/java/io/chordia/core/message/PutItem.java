package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * BEP 44's {@code put}: store an immutable item (no key) or a signed mutable one. Answered by
 * {@link Ack}, or an {@link ErrorReply}: BAD_SIGNATURE (206), CAS_FAILED (301), STALE (302),
 * BAD_TOKEN. The shape is checked here; the signature by the storing node ({@link #signatureVerifies}),
 * so that a bad one is answered 206 rather than dropped.
 *
 * @param value     the bencoded value, at most 1000 bytes
 * @param publicKey empty for an immutable item, else the 32-byte Ed25519 key
 * @param salt      at most 64 bytes, mutable items only
 * @param seq       the sequence number (mutable), else -1
 * @param cas       compare-and-swap: the sequence number the writer last read, or -1
 */
public record PutItem(Bytes token, Bytes value, Bytes publicKey, Bytes salt, long seq, long cas, Bytes signature)
        implements Request<Ack> {
    public PutItem {
        Checks.notNull(token, "token");
        Checks.check(token.length() <= StoreRecord.MAX_TOKEN_BYTES, "a token is at most %s bytes", StoreRecord.MAX_TOKEN_BYTES);
        Checks.notNull(value, "value");
        Checks.check(value.length() > 0 && value.length() <= Bep44Items.MAX_VALUE_BYTES,
                "a value is 1 to %s bytes, was %s", Bep44Items.MAX_VALUE_BYTES, value.length());
        Checks.notNull(publicKey, "publicKey");
        Checks.notNull(salt, "salt");
        Checks.check(salt.length() <= Bep44Items.MAX_SALT_BYTES, "a salt is at most %s bytes, was %s",
                Bep44Items.MAX_SALT_BYTES, salt.length());
        Checks.notNull(signature, "signature");
        if (publicKey.length() > 0) {
            Checks.check(publicKey.length() == DhtRecord.PUBLIC_KEY_BYTES && signature.length() == DhtRecord.SIGNATURE_BYTES
                    && seq >= 0 && cas >= -1, "a mutable item has a 32-byte key, a 64-byte signature and a sequence number");
        } else {
            Checks.check(salt.length() == 0 && signature.length() == 0 && seq == -1 && cas == -1,
                    "an immutable item has no salt, signature, sequence number or cas");
        }
    }

    public boolean isMutable() {
        return publicKey.length() > 0;
    }

    /** Where the item lives: SHA-1 of the value, or of key and salt. */
    public NodeId target() {
        return isMutable() ? Bep44Items.mutableTarget(publicKey, salt) : Bep44Items.immutableTarget(value);
    }

    /** An immutable item needs no signature; a mutable one's must cover salt, seq and value (BEP 44). */
    public boolean signatureVerifies() {
        return !isMutable() || Bep44Items.verifies(publicKey, salt, seq, value, signature);
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
