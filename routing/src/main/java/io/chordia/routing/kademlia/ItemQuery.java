package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Item;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * What a BEP 44 get looks for, and so which answers it believes: an immutable item only when its
 * value hashes to the target, a mutable one only when it is signed by {@code publicKey} over
 * {@code salt} (which the answer does not carry: the reader must know it). Anything else a node
 * answers is a forgery or a mistake and is not taken.
 *
 * @param publicKey empty for an immutable item
 */
public record ItemQuery(NodeId target, Bytes publicKey, Bytes salt) {
    public ItemQuery {
        Checks.notNull(target, "target");
        Checks.notNull(publicKey, "publicKey");
        Checks.notNull(salt, "salt");
        Checks.check(salt.length() <= Bep44Items.MAX_SALT_BYTES, "a salt is at most %s bytes", Bep44Items.MAX_SALT_BYTES);
        Checks.check(publicKey.length() == 0 ? salt.length() == 0 : target.equals(Bep44Items.mutableTarget(publicKey, salt)),
                "a mutable query's target is SHA-1 of its key and salt; an immutable one has no salt");
    }

    public static ItemQuery immutable(NodeId target) {
        return new ItemQuery(target, Bytes.EMPTY, Bytes.EMPTY);
    }

    public static ItemQuery mutable(Bytes publicKey, Bytes salt) {
        return new ItemQuery(Bep44Items.mutableTarget(publicKey, salt), publicKey, salt);
    }

    public boolean isMutable() {
        return publicKey.length() > 0;
    }

    /** Whether {@code answer}'s value is the item asked for: the right hash, or the right key's valid signature. */
    public boolean accepts(Item answer) {
        if (!answer.hasValue() || answer.isMutable() != isMutable()) {
            return false;
        }
        if (!isMutable()) {
            return Bep44Items.immutableTarget(answer.value()).equals(target);
        }
        return answer.publicKey().equals(publicKey)
                && Bep44Items.verifies(publicKey, salt, answer.seq(), answer.value(), answer.signature());
    }
}
