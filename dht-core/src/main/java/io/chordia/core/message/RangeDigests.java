package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * The answer to {@link CompareRange}: {@code same}, with nothing else; or the digests of the
 * range's {@link #FANOUT} sub-ranges in key order, for the asker to descend into those that
 * differ; or, when the answering side holds at most {@link #MAX_ENTRIES} records in the range,
 * their keys and digests, for the asker to repair exactly the records that differ. Either list
 * fits a 1232-byte datagram.
 */
public record RangeDigests(boolean same, List<Bytes> children, List<Entry> entries) implements Response {
    public static final int DIGEST_BYTES = 16;
    public static final int FANOUT_BITS = 4;
    public static final int FANOUT = 1 << FANOUT_BITS;
    public static final int MAX_ENTRIES = 16;

    /** One record of a small range: its key and digest. */
    public record Entry(NodeId key, Bytes digest) {
        public Entry {
            Checks.notNull(key, "key");
            Checks.notNull(digest, "digest");
            Checks.check(digest.length() == DIGEST_BYTES, "a record digest is %s bytes, was %s", DIGEST_BYTES, digest.length());
        }
    }

    public RangeDigests {
        children = List.copyOf(children);
        entries = List.copyOf(entries);
        Checks.check(children.isEmpty() || children.size() == FANOUT, "%s sub-range digests or none, was %s",
                FANOUT, children.size());
        Checks.check(entries.size() <= MAX_ENTRIES, "at most %s entries, was %s", MAX_ENTRIES, entries.size());
        Checks.check(children.isEmpty() || entries.isEmpty(), "sub-ranges or entries, not both");
        Checks.check(!same || children.isEmpty() && entries.isEmpty(), "a range that is the same carries nothing else");
        for (Bytes child : children) {
            Checks.check(child.length() == DIGEST_BYTES, "a range digest is %s bytes, was %s", DIGEST_BYTES, child.length());
        }
    }

    public static RangeDigests matching() {
        return new RangeDigests(true, List.of(), List.of());
    }

    public static RangeDigests split(List<Bytes> children) {
        return new RangeDigests(false, children, List.of());
    }

    public static RangeDigests listing(List<Entry> entries) {
        return new RangeDigests(false, List.of(), entries);
    }
}
