package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both halves of one range comparison, as pure functions: the answering side's reply to a digest,
 * and what the asking side makes of the reply (sub-ranges to compare next, records to repair).
 */
final class RangeComparison {
    private RangeComparison() {}

    /** What the asking side does next: compare these sub-ranges (of {@code childBits} bits), repair these keys. */
    record Next(List<NodeId> subRanges, int childBits, List<NodeId> differing) {}

    /** The reply of the side holding {@code mine} to {@code request}: bounded whatever it asks. */
    static RangeDigests answer(SharedRecords mine, CompareRange request) {
        NodeId prefix = request.prefix();
        int bits = request.prefixBits();
        if (mine.digest(prefix, bits).equals(request.digest())) {
            return RangeDigests.matching();
        }
        return mine.count(prefix, bits) <= RangeDigests.MAX_ENTRIES || bits >= CompareRange.MAX_PREFIX_BITS
                ? RangeDigests.listing(mine.entries(prefix, bits))
                : RangeDigests.split(mine.children(prefix, bits));
    }

    /**
     * What the side holding {@code mine} makes of {@code reply} to its digest of a range: the
     * sub-ranges whose digests differ and where it holds something, or, from a listing, its keys
     * that the other side lacks or holds otherwise. Only what this side holds is its to repair;
     * the other side's extra records are the other side's.
     */
    static Next react(SharedRecords mine, NodeId prefix, int bits, RangeDigests reply) {
        int childBits = bits + RangeDigests.FANOUT_BITS;
        if (reply.same()) {
            return new Next(List.of(), childBits, List.of());
        }
        if (!reply.children().isEmpty() && childBits <= CompareRange.MAX_PREFIX_BITS) {
            List<NodeId> differing = new ArrayList<>();
            for (int i = 0; i < RangeDigests.FANOUT; i++) {
                NodeId child = SharedRecords.child(prefix, bits, i);
                if (mine.count(child, childBits) > 0 && !mine.digest(child, childBits).equals(reply.children().get(i))) {
                    differing.add(child);
                }
            }
            return new Next(differing, childBits, List.of());
        }
        Map<NodeId, Bytes> theirs = new HashMap<>();
        reply.entries().forEach(e -> theirs.put(e.key(), e.digest()));
        List<NodeId> differing = new ArrayList<>();
        for (NodeId key : mine.keys(prefix, bits)) {
            if (!mine.digestOf(key).equals(theirs.get(key))) {
                differing.add(key);
            }
        }
        return new Next(List.of(), childBits, differing);
    }
}
