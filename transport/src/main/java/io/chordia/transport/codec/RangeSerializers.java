package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.util.Bytes;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializers of range repair's messages. Counts are checked against their bounds before anything
 * is allocated, and a range deeper than {@link CompareRange#MAX_PREFIX_BITS} is malformed: a peer
 * cannot make this node list or split more than one datagram's worth.
 */
final class RangeSerializers {
    private RangeSerializers() {}

    /** {@link CompareRange}: prefix (20), prefix bits (1), digest (16). */
    static final class CompareRangeSerializer extends WireSerializer<CompareRange> {
        private final NodeIdSerializer ids;

        CompareRangeSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(CompareRange v) {
            return NodeId.BYTES + 1 + RangeDigests.DIGEST_BYTES;
        }

        @Override
        public void write(Kryo kryo, Output out, CompareRange v) {
            ids.write(kryo, out, v.prefix());
            WireIO.writeU8(out, v.prefixBits());
            StorageSerializers.writeBytes(out, v.digest());
        }

        @Override
        public CompareRange read(Kryo kryo, Input in, Class<? extends CompareRange> type) {
            NodeId prefix = ids.read(kryo, in, NodeId.class);
            int bits = WireIO.readU8(in, "prefix bits");
            if (bits > CompareRange.MAX_PREFIX_BITS || !prefix.withLowBits(bits, false).equals(prefix)) {
                throw WireFormatException.malformed("a range of " + bits + " prefix bits starting at " + prefix.shortId());
            }
            return new CompareRange(prefix, bits, StorageSerializers.readBytes(in, RangeDigests.DIGEST_BYTES,
                    RangeDigests.DIGEST_BYTES, "digest"));
        }
    }

    /**
     * {@link RangeDigests}: form (1: 0 same, 1 sub-ranges, 2 entries), then 16 digests of 16 bytes,
     * or a count (1) and that many key (20) and digest (16) pairs.
     */
    static final class RangeDigestsSerializer extends WireSerializer<RangeDigests> {
        private static final int SAME = 0;
        private static final int SPLIT = 1;
        private static final int LISTING = 2;
        private final NodeIdSerializer ids;

        RangeDigestsSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(RangeDigests v) {
            return 1 + (v.same() ? 0 : v.children().isEmpty()
                    ? 1 + v.entries().size() * (NodeId.BYTES + RangeDigests.DIGEST_BYTES)
                    : RangeDigests.FANOUT * RangeDigests.DIGEST_BYTES);
        }

        @Override
        public void write(Kryo kryo, Output out, RangeDigests v) {
            if (v.same()) {
                WireIO.writeU8(out, SAME);
            } else if (!v.children().isEmpty()) {
                WireIO.writeU8(out, SPLIT);
                v.children().forEach(d -> StorageSerializers.writeBytes(out, d));
            } else {
                WireIO.writeU8(out, LISTING);
                WireIO.writeU8(out, v.entries().size());
                for (RangeDigests.Entry e : v.entries()) {
                    ids.write(kryo, out, e.key());
                    StorageSerializers.writeBytes(out, e.digest());
                }
            }
        }

        @Override
        public RangeDigests read(Kryo kryo, Input in, Class<? extends RangeDigests> type) {
            int form = WireIO.readU8(in, "range digests form");
            switch (form) {
                case SAME:
                    return RangeDigests.matching();
                case SPLIT: {
                    List<Bytes> children = new ArrayList<>(RangeDigests.FANOUT);
                    for (int i = 0; i < RangeDigests.FANOUT; i++) {
                        children.add(digest(in));
                    }
                    return RangeDigests.split(children);
                }
                case LISTING: {
                    int count = WireIO.readU8(in, "entry count");
                    if (count > RangeDigests.MAX_ENTRIES) {
                        throw WireFormatException.malformed(count + " entries, at most " + RangeDigests.MAX_ENTRIES);
                    }
                    List<RangeDigests.Entry> entries = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        entries.add(new RangeDigests.Entry(ids.read(kryo, in, NodeId.class), digest(in)));
                    }
                    return RangeDigests.listing(entries);
                }
                default:
                    throw WireFormatException.malformed("range digests form " + form);
            }
        }

        private static Bytes digest(Input in) {
            return StorageSerializers.readBytes(in, RangeDigests.DIGEST_BYTES, RangeDigests.DIGEST_BYTES, "digest");
        }
    }
}
