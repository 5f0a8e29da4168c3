package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import java.util.random.RandomGenerator;

/**
 * Which bucket an id belongs in, relative to our own id. With b = 1 bit per hop, bucket i holds
 * ids sharing exactly i leading bits with ours. With b > 1 ids are read as base-2^b digits: the
 * level is the first digit position where an id differs from ours, and each level has 2^b - 1
 * buckets, one per digit value other than ours (the last level has fewer when b does not divide
 * 160). Immutable.
 */
final class BucketLayout {
    private final NodeId self;
    private final int bitsPerHop;
    private final int perLevel;
    private final int slots;

    BucketLayout(NodeId self, int bitsPerHop) {
        this.self = self;
        this.bitsPerHop = bitsPerHop;
        this.perLevel = (1 << bitsPerHop) - 1;
        this.slots = (NodeId.BITS + bitsPerHop - 1) / bitsPerHop * perLevel;
    }

    int bitsPerHop() {
        return bitsPerHop;
    }

    /** Bucket slots, valid or not. */
    int slots() {
        return slots;
    }

    /** The bucket {@code id} belongs in, or -1 for our own id. */
    int bucketIndex(NodeId id) {
        int cpl = self.commonPrefixLength(id);
        if (cpl == NodeId.BITS) {
            return -1;
        }
        if (bitsPerHop == 1) {
            return cpl;
        }
        int level = cpl / bitsPerHop;
        int start = level * bitsPerHop;
        int width = Math.min(bitsPerHop, NodeId.BITS - start);
        int digit = digit(id, start, width);
        int own = digit(self, start, width);
        return level * perLevel + (digit < own ? digit : digit - 1);
    }

    /** The leading bits every id in bucket {@code index} has in common. */
    int prefixLength(int index) {
        if (bitsPerHop == 1) {
            return index + 1;
        }
        int start = (index / perLevel) * bitsPerHop;
        return start + Math.min(bitsPerHop, NodeId.BITS - start);
    }

    /** Whether bucket {@code index} can hold ids (the last level of b > 1 may have fewer digits). */
    boolean slotExists(int index) {
        if (index < 0 || index >= slots) {
            return false;
        }
        if (bitsPerHop == 1) {
            return true;
        }
        int start = (index / perLevel) * bitsPerHop;
        int width = Math.min(bitsPerHop, NodeId.BITS - start);
        return index % perLevel < (1 << width) - 1;
    }

    /** The last slot of the level bucket {@code index} is on. */
    int lastSlotOfLevel(int index) {
        return bitsPerHop == 1 ? index : (index / perLevel + 1) * perLevel - 1;
    }

    /** A random id that falls in bucket {@code index}. */
    NodeId randomIdInBucket(int index, RandomGenerator random) {
        int digitStart;
        int digitWidth;
        int digit;
        if (bitsPerHop == 1) {
            digitStart = index;
            digitWidth = 1;
            digit = self.testBit(NodeId.BITS - 1 - index) ? 0 : 1;
        } else {
            int slot = index % perLevel;
            digitStart = (index / perLevel) * bitsPerHop;
            digitWidth = Math.min(bitsPerHop, NodeId.BITS - digitStart);
            int own = digit(self, digitStart, digitWidth);
            digit = slot < own ? slot : slot + 1;
        }
        byte[] out = NodeId.random(random).toBytes();
        byte[] mine = self.toBytes();
        for (int bit = 0; bit < digitStart; bit++) {
            setBit(out, bit, (mine[bit >>> 3] & (0x80 >>> (bit & 7))) != 0);
        }
        for (int j = 0; j < digitWidth; j++) {
            setBit(out, digitStart + j, ((digit >>> (digitWidth - 1 - j)) & 1) != 0);
        }
        return NodeId.fromBytes(out);
    }

    private static void setBit(byte[] bytes, int bitFromTop, boolean value) {
        int mask = 0x80 >>> (bitFromTop & 7);
        if (value) {
            bytes[bitFromTop >>> 3] |= (byte) mask;
        } else {
            bytes[bitFromTop >>> 3] &= (byte) ~mask;
        }
    }

    /** The {@code width}-bit digit of {@code id} starting {@code start} bits from the top. */
    private static int digit(NodeId id, int start, int width) {
        int v = 0;
        for (int j = 0; j < width; j++) {
            v = (v << 1) | (id.testBit(NodeId.BITS - 1 - start - j) ? 1 : 0);
        }
        return v;
    }
}
