package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.RecursiveFindNodeDone;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.ChordSerializers.ContactLists;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;
import java.util.List;

/**
 * Serializers of the Kademlia recursive-lookup messages. Counters are fixed width; the contact list
 * is a one-byte count checked against {@link MessageLimits#MAX_CONTACTS} and the bytes present
 * before anything is allocated; the record constructors check the rest (hops ≤ sent, non-empty).
 */
final class KademliaSerializers {
    private KademliaSerializers() {}

    /** {@link RecursiveFindNode}: target (20), count (1), lookup id (8), origin, hops (1), sent (2). */
    static final class RecursiveFindNodeSerializer extends WireSerializer<RecursiveFindNode> {
        private final NodeIdSerializer ids;
        private final ContactLists lists;

        RecursiveFindNodeSerializer(NodeIdSerializer ids, ContactLists lists) {
            this.ids = ids;
            this.lists = lists;
        }

        @Override
        int sizeOf(RecursiveFindNode v) {
            return NodeId.BYTES + 1 + 8 + lists.sizeOfOne(v.origin()) + 1 + 2;
        }

        @Override
        public void write(Kryo kryo, Output out, RecursiveFindNode v) {
            ids.write(kryo, out, v.target());
            WireIO.writeU8(out, v.count());
            WireIO.writeLong(out, v.lookupId());
            lists.writeOne(kryo, out, v.origin());
            WireIO.writeU8(out, v.hops());
            WireIO.writeU16(out, v.sent());
        }

        @Override
        public RecursiveFindNode read(Kryo kryo, Input in, Class<? extends RecursiveFindNode> type) {
            NodeId target = ids.read(kryo, in, NodeId.class);
            int count = WireIO.readU8(in, "count");
            long lookupId = WireIO.readLong(in, "lookup id");
            Contact origin = lists.readOne(kryo, in);
            int hops = WireIO.readU8(in, "hops");
            int sent = WireIO.readU16(in, "sent");
            return new RecursiveFindNode(target, count, lookupId, origin, hops, sent);
        }
    }

    /** {@link RecursiveFindNodeDone}: lookup id (8), target (20), hops (1), sent (2), closest contacts. */
    static final class RecursiveFindNodeDoneSerializer extends WireSerializer<RecursiveFindNodeDone> {
        private final NodeIdSerializer ids;
        private final ContactLists lists;

        RecursiveFindNodeDoneSerializer(NodeIdSerializer ids, ContactLists lists) {
            this.ids = ids;
            this.lists = lists;
        }

        @Override
        int sizeOf(RecursiveFindNodeDone v) {
            return 8 + NodeId.BYTES + 1 + 2 + lists.sizeOf(v.closest());
        }

        @Override
        public void write(Kryo kryo, Output out, RecursiveFindNodeDone v) {
            WireIO.writeLong(out, v.lookupId());
            ids.write(kryo, out, v.target());
            WireIO.writeU8(out, v.hops());
            WireIO.writeU16(out, v.sent());
            lists.write(kryo, out, v.closest());
        }

        @Override
        public RecursiveFindNodeDone read(Kryo kryo, Input in, Class<? extends RecursiveFindNodeDone> type) {
            long lookupId = WireIO.readLong(in, "lookup id");
            NodeId target = ids.read(kryo, in, NodeId.class);
            int hops = WireIO.readU8(in, "hops");
            int sent = WireIO.readU16(in, "sent");
            List<Contact> closest = lists.read(kryo, in, MessageLimits.MAX_CONTACTS, "closest");
            return new RecursiveFindNodeDone(lookupId, target, hops, sent, closest);
        }
    }
}
