package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * Range repair's question to a replica neighbour: do the records we both replicate whose keys
 * start with {@code prefix}'s first {@code prefixBits} bits come to {@code digest} on your side
 * too? Answered by {@link RangeDigests}: "the same", or the sixteen sub-ranges' digests, or,
 * for a range with few records, their keys and digests. An up-to-date replica costs one exchange
 * whatever the number of records (Dynamo's Merkle-tree anti-entropy, §4.7).
 *
 * @param prefix     the range's first key: no bit set after the first {@code prefixBits}
 * @param prefixBits how many leading bits the range's keys share, at most {@link #MAX_PREFIX_BITS}
 * @param digest     the XOR of the {@link RangeDigests#DIGEST_BYTES}-byte digests of the records in the range
 */
public record CompareRange(NodeId prefix, int prefixBits, Bytes digest) implements Request<RangeDigests> {
    /** A range this deep holds at most sixteen keys, which one {@link RangeDigests} lists. */
    public static final int MAX_PREFIX_BITS = NodeId.BITS - RangeDigests.FANOUT_BITS;

    public CompareRange {
        Checks.notNull(prefix, "prefix");
        Checks.notNull(digest, "digest");
        Checks.inRange(prefixBits, 0, MAX_PREFIX_BITS, "prefixBits");
        Checks.check(prefix.withLowBits(prefixBits, false).equals(prefix), "prefix %s has bits set after its first %s",
                prefix, prefixBits);
        Checks.check(digest.length() == RangeDigests.DIGEST_BYTES, "a range digest is %s bytes, was %s",
                RangeDigests.DIGEST_BYTES, digest.length());
    }

    @Override
    public Class<RangeDigests> responseType() {
        return RangeDigests.class;
    }
}
