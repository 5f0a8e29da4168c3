package io.chordia.transport.krpc;

import io.chordia.core.util.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps KRPC transaction ids (byte strings) to the envelope's 64-bit ones and back.
 *
 * <p>Ours: a query we send carries {@code tag | txId} (1 + 8 bytes), the method's tag and the id
 * the node drew from its unguessable generator, so a response names its own type and
 * transaction, and decoding it needs no state: a forger must still guess all 64 bits, and the
 * RPC layer checks the responder's address as it does for any wire.
 *
 * <p>Theirs: a query's id must be echoed byte for byte. One of at most 7 bytes is packed into the
 * long itself ({@code 0x80 | length} in the top byte, the bytes below), stateless as well; a
 * longer one (our own 9-byte ids among them) is kept in a bounded table under a sequence number
 * ({@code 0xff} in the top byte), the oldest forgotten first. A reply to a forgotten id cannot be
 * encoded: a query unanswered for {@code capacity} later queries has long timed out at its sender.
 */
final class KrpcTransactionIds {
    static final int OURS_BYTES = 9;
    /** Longest foreign id we accept; libtorrent sends 2 bytes, others up to 8. */
    static final int MAX_FOREIGN_BYTES = 32;
    private static final int PACKED_MAX_BYTES = 7;
    private static final long PACKED_FLAG = 0x80L;
    private static final long TABLE_FLAG = 0xffL;
    /** A packed foreign id of {@link #PACKED_PLACEHOLDER_BYTES} zero bytes, for sizing a reply with no table entry. */
    static final int PACKED_PLACEHOLDER_BYTES = PACKED_MAX_BYTES;
    static final long PACKED_PLACEHOLDER = (PACKED_FLAG | PACKED_MAX_BYTES) << 56;

    private final Map<Long, byte[]> remembered;
    private long next;

    KrpcTransactionIds(int capacity) {
        Checks.inRange(capacity, 1, 1 << 20, "capacity");
        this.remembered = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The id of our query of {@code method} under {@code txId}. */
    static byte[] ours(KrpcMethod method, long txId) {
        byte[] t = new byte[OURS_BYTES];
        t[0] = method.tag();
        for (int i = 0; i < 8; i++) {
            t[1 + i] = (byte) (txId >>> (56 - 8 * i));
        }
        return t;
    }

    /** The method of our query whose id is {@code t}, or {@code null} if {@code t} is not one of ours. */
    static KrpcMethod methodOfOurs(byte[] t) {
        return t.length == OURS_BYTES ? KrpcMethod.ofTag(t[0]) : null;
    }

    /** The txId in one of our ids (check {@link #methodOfOurs} first). */
    static long txIdOfOurs(byte[] t) {
        long v = 0;
        for (int i = 1; i < OURS_BYTES; i++) {
            v = (v << 8) | (t[i] & 0xff);
        }
        return v;
    }

    /** The envelope txId for a peer's query id {@code t} (1..{@link #MAX_FOREIGN_BYTES} bytes). */
    long fromForeign(byte[] t) {
        if (t.length <= PACKED_MAX_BYTES) {
            long v = (PACKED_FLAG | t.length) << 56;
            for (int i = 0; i < t.length; i++) {
                v |= (t[i] & 0xffL) << (8 * (t.length - 1 - i));
            }
            return v;
        }
        long id = (TABLE_FLAG << 56) | (next++ & 0x00ff_ffff_ffff_ffffL);
        remembered.put(id, t.clone());
        return id;
    }

    /**
     * The bytes to echo in a reply under {@code txId}; throws {@link IllegalArgumentException} if
     * {@code txId} did not come from {@link #fromForeign} or its entry was forgotten.
     */
    byte[] toForeign(long txId) {
        int top = (int) (txId >>> 56);
        if (top >= PACKED_FLAG && top <= (PACKED_FLAG | PACKED_MAX_BYTES)) {
            int length = top & 0x7;
            byte[] t = new byte[length];
            for (int i = 0; i < length; i++) {
                t[i] = (byte) (txId >>> (8 * (length - 1 - i)));
            }
            return t;
        }
        byte[] t = top == TABLE_FLAG ? remembered.get(txId) : null;
        Checks.check(t != null, "transaction %s is not a peer's query we still remember", Long.toHexString(txId));
        return t.clone();
    }

    /** Length of {@link #toForeign} without copying, with the same exception. */
    int foreignLength(long txId) {
        int top = (int) (txId >>> 56);
        if (top >= PACKED_FLAG && top <= (PACKED_FLAG | PACKED_MAX_BYTES)) {
            return top & 0x7;
        }
        byte[] t = top == TABLE_FLAG ? remembered.get(txId) : null;
        Checks.check(t != null, "transaction %s is not a peer's query we still remember", Long.toHexString(txId));
        return t.length;
    }

    /** Foreign ids held in the table now. */
    int rememberedCount() {
        return remembered.size();
    }
}
