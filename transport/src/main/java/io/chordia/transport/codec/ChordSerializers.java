package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.Leaving;
import io.chordia.core.message.LookupDone;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.Notify;
import io.chordia.core.message.Ping;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.ValueSerializers.ContactSerializer;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serializers of the Chord messages and of the field-less ones. Contact lists are written as a
 * one-byte count and the contacts; the count is checked against the message's cap and against
 * the bytes present before the list is allocated.
 */
final class ChordSerializers {
    private ChordSerializers() {}

    /** A message without fields: the header's type id says it all. */
    static final class EmptySerializer<T> extends WireSerializer<T> {
        private final T instance;

        EmptySerializer(Supplier<T> factory) {
            this.instance = factory.get();
        }

        @Override
        int sizeOf(T value) {
            return 0;
        }

        @Override
        public void write(Kryo kryo, Output out, T value) {
            // Nothing to write.
        }

        @Override
        public T read(Kryo kryo, Input in, Class<? extends T> type) {
            return instance;
        }

        static EmptySerializer<Ping> ping() {
            return new EmptySerializer<>(Ping::new);
        }

        static EmptySerializer<Ack> ack() {
            return new EmptySerializer<>(Ack::new);
        }

        static EmptySerializer<GetNeighbors> getNeighbors() {
            return new EmptySerializer<>(GetNeighbors::new);
        }

        static EmptySerializer<Notify> notifyMessage() {
            return new EmptySerializer<>(Notify::new);
        }
    }

    /** Bounded contact lists: count byte, then the contacts. */
    static final class ContactLists {
        private final ContactSerializer contacts;

        ContactLists(ContactSerializer contacts) {
            this.contacts = contacts;
        }

        int sizeOf(List<Contact> list) {
            int size = 1;
            // Indexed: every sized datagram comes here, and the iterator was not always optimized away.
            for (int i = 0; i < list.size(); i++) {
                size += contacts.sizeOf(list.get(i));
            }
            return size;
        }

        void write(Kryo kryo, Output out, List<Contact> list) {
            WireIO.writeU8(out, list.size());
            for (Contact c : list) {
                contacts.write(kryo, out, c);
            }
        }

        List<Contact> read(Kryo kryo, Input in, int max, String what) {
            int count = WireIO.readU8(in, what + " count");
            if (count > max) {
                throw WireFormatException.malformed(count + " " + what + ", at most " + max);
            }
            WireIO.need(in, count * ContactSerializer.MIN_BYTES, count + " " + what);
            Contact[] read = new Contact[count];
            for (int i = 0; i < count; i++) {
                read[i] = contacts.read(kryo, in, Contact.class);
            }
            return List.of(read);
        }

        Contact readOne(Kryo kryo, Input in) {
            return contacts.read(kryo, in, Contact.class);
        }

        void writeOne(Kryo kryo, Output out, Contact c) {
            contacts.write(kryo, out, c);
        }

        int sizeOfOne(Contact c) {
            return contacts.sizeOf(c);
        }
    }

    /**
     * {@link Neighbors} and {@link Leaving}, which carry the same two lists: predecessors, then
     * successors.
     */
    static final class NeighbourListsSerializer<T> extends WireSerializer<T> {
        private final ContactLists lists;
        private final Function<T, List<Contact>> predecessors;
        private final Function<T, List<Contact>> successors;
        private final BiFunction<List<Contact>, List<Contact>, T> create;

        NeighbourListsSerializer(ContactLists lists, Function<T, List<Contact>> predecessors,
                                 Function<T, List<Contact>> successors, BiFunction<List<Contact>, List<Contact>, T> create) {
            this.lists = lists;
            this.predecessors = predecessors;
            this.successors = successors;
            this.create = create;
        }

        static NeighbourListsSerializer<Neighbors> neighbors(ContactLists lists) {
            return new NeighbourListsSerializer<>(lists, Neighbors::predecessors, Neighbors::successors, Neighbors::new);
        }

        static NeighbourListsSerializer<Leaving> leaving(ContactLists lists) {
            return new NeighbourListsSerializer<>(lists, Leaving::predecessors, Leaving::successors, Leaving::new);
        }

        @Override
        int sizeOf(T v) {
            return lists.sizeOf(predecessors.apply(v)) + lists.sizeOf(successors.apply(v));
        }

        @Override
        public void write(Kryo kryo, Output out, T v) {
            lists.write(kryo, out, predecessors.apply(v));
            lists.write(kryo, out, successors.apply(v));
        }

        @Override
        public T read(Kryo kryo, Input in, Class<? extends T> type) {
            List<Contact> preds = lists.read(kryo, in, Neighbors.MAX_PREDECESSORS, "predecessors");
            return create.apply(preds, lists.read(kryo, in, Neighbors.MAX_SUCCESSORS, "successors"));
        }
    }

    /** {@link FindSuccessor}: the 20-byte key. */
    static final class FindSuccessorSerializer extends WireSerializer<FindSuccessor> {
        private final NodeIdSerializer ids;

        FindSuccessorSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(FindSuccessor value) {
            return NodeId.BYTES;
        }

        @Override
        public void write(Kryo kryo, Output out, FindSuccessor value) {
            ids.write(kryo, out, value.key());
        }

        @Override
        public FindSuccessor read(Kryo kryo, Input in, Class<? extends FindSuccessor> type) {
            return new FindSuccessor(ids.read(kryo, in, NodeId.class));
        }
    }

    /** {@link NextHop}: done as one byte (0 or 1), then the nodes. */
    static final class NextHopSerializer extends WireSerializer<NextHop> {
        private final ContactLists lists;

        NextHopSerializer(ContactLists lists) {
            this.lists = lists;
        }

        @Override
        int sizeOf(NextHop value) {
            return 1 + lists.sizeOf(value.nodes());
        }

        @Override
        public void write(Kryo kryo, Output out, NextHop value) {
            WireIO.writeU8(out, value.done() ? 1 : 0);
            lists.write(kryo, out, value.nodes());
        }

        @Override
        public NextHop read(Kryo kryo, Input in, Class<? extends NextHop> type) {
            boolean done = readFlag(in, "done");
            return new NextHop(done, lists.read(kryo, in, NextHop.MAX_NODES, "nodes"));
        }
    }

    /** {@link RouteLookup}: key, lookup id (8), origin, hops (1), path. */
    static final class RouteLookupSerializer extends WireSerializer<RouteLookup> {
        private final NodeIdSerializer ids;
        private final ContactLists lists;

        RouteLookupSerializer(NodeIdSerializer ids, ContactLists lists) {
            this.ids = ids;
            this.lists = lists;
        }

        @Override
        int sizeOf(RouteLookup v) {
            return NodeId.BYTES + 8 + lists.sizeOfOne(v.origin()) + 1 + lists.sizeOf(v.path());
        }

        @Override
        public void write(Kryo kryo, Output out, RouteLookup v) {
            ids.write(kryo, out, v.key());
            WireIO.writeLong(out, v.lookupId());
            lists.writeOne(kryo, out, v.origin());
            WireIO.writeU8(out, v.hops());
            lists.write(kryo, out, v.path());
        }

        @Override
        public RouteLookup read(Kryo kryo, Input in, Class<? extends RouteLookup> type) {
            NodeId key = ids.read(kryo, in, NodeId.class);
            long lookupId = WireIO.readLong(in, "lookup id");
            Contact origin = lists.readOne(kryo, in);
            int hops = WireIO.readU8(in, "hops");
            return new RouteLookup(key, lookupId, origin, hops, lists.read(kryo, in, RouteLookup.MAX_PATH, "path"));
        }
    }

    /** {@link LookupDone}: lookup id (8), key, owners, hops (1), path. */
    static final class LookupDoneSerializer extends WireSerializer<LookupDone> {
        private final NodeIdSerializer ids;
        private final ContactLists lists;

        LookupDoneSerializer(NodeIdSerializer ids, ContactLists lists) {
            this.ids = ids;
            this.lists = lists;
        }

        @Override
        int sizeOf(LookupDone v) {
            return 8 + NodeId.BYTES + lists.sizeOf(v.owners()) + 1 + lists.sizeOf(v.path());
        }

        @Override
        public void write(Kryo kryo, Output out, LookupDone v) {
            WireIO.writeLong(out, v.lookupId());
            ids.write(kryo, out, v.key());
            lists.write(kryo, out, v.owners());
            WireIO.writeU8(out, v.hops());
            lists.write(kryo, out, v.path());
        }

        @Override
        public LookupDone read(Kryo kryo, Input in, Class<? extends LookupDone> type) {
            long lookupId = WireIO.readLong(in, "lookup id");
            NodeId key = ids.read(kryo, in, NodeId.class);
            List<Contact> owners = lists.read(kryo, in, NextHop.MAX_NODES, "owners");
            int hops = WireIO.readU8(in, "hops");
            return new LookupDone(lookupId, key, owners, hops, lists.read(kryo, in, RouteLookup.MAX_PATH, "path"));
        }
    }

    private static boolean readFlag(Input in, String what) {
        int flag = WireIO.readU8(in, what);
        if (flag > 1) {
            throw WireFormatException.malformed(what + " flag " + flag + ", expected 0 or 1");
        }
        return flag == 1;
    }
}
