package io.chordia.core.message;

import io.chordia.core.net.Contact;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * The answer to {@link GetItem}: a write token for {@link PutItem}, the item if the responder holds
 * it, and contacts closer to the target.
 *
 * @param value     the item's bencoded value, exactly as signed; empty when the responder has none
 * @param publicKey a mutable item's Ed25519 key (32 bytes); empty for an immutable item or none
 * @param seq       a mutable item's sequence number; -1 otherwise
 * @param signature a mutable item's signature (64 bytes, see {@link Bep44Items}); empty otherwise
 */
public record Item(Bytes token, Bytes value, Bytes publicKey, long seq, Bytes signature, List<Contact> nodes)
        implements Response {
    public Item {
        Checks.notNull(token, "token");
        Checks.check(token.length() <= StoreRecord.MAX_TOKEN_BYTES, "a token is at most %s bytes", StoreRecord.MAX_TOKEN_BYTES);
        Checks.notNull(value, "value");
        Checks.check(value.length() <= Bep44Items.MAX_VALUE_BYTES, "a value is at most %s bytes, was %s",
                Bep44Items.MAX_VALUE_BYTES, value.length());
        Checks.notNull(publicKey, "publicKey");
        Checks.notNull(signature, "signature");
        boolean mutable = publicKey.length() > 0;
        Checks.check(!mutable || (publicKey.length() == DhtRecord.PUBLIC_KEY_BYTES
                && signature.length() == DhtRecord.SIGNATURE_BYTES && seq >= 0 && value.length() > 0),
                "a mutable item has a 32-byte key, a 64-byte signature, a sequence number and a value");
        Checks.check(mutable || (signature.length() == 0 && seq == -1), "an immutable item has no signature or sequence number");
        nodes = List.copyOf(Checks.notNull(nodes, "nodes"));
        Checks.check(nodes.size() <= MessageLimits.MAX_CONTACTS, "at most %s contacts, got %s",
                MessageLimits.MAX_CONTACTS, nodes.size());
    }

    public boolean isMutable() {
        return publicKey.length() > 0;
    }

    public boolean hasValue() {
        return value.length() > 0;
    }
}
