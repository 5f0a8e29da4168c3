package io.chordia.transport.codec;

import static io.chordia.transport.codec.StorageSerializers.readBytes;
import static io.chordia.transport.codec.StorageSerializers.writeBytes;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.Peers;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.net.Address;
import io.chordia.transport.codec.ChordSerializers.ContactLists;
import io.chordia.transport.codec.ValueSerializers.AddressSerializer;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serializers of the messages BEP 5 adds (get_peers, announce_peer) and of a query for an unknown
 * method, so those records have a Kryo form too: every message type has one in each profile.
 */
final class SwarmSerializers {
    private SwarmSerializers() {}

    /** {@link GetPeers}: the info hash. */
    static final class GetPeersSerializer extends WireSerializer<GetPeers> {
        private final NodeIdSerializer ids;

        GetPeersSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(GetPeers v) {
            return NodeId.BYTES;
        }

        @Override
        public void write(Kryo kryo, Output out, GetPeers v) {
            ids.write(kryo, out, v.infoHash());
        }

        @Override
        public GetPeers read(Kryo kryo, Input in, Class<? extends GetPeers> type) {
            return new GetPeers(ids.read(kryo, in, NodeId.class));
        }
    }

    /** {@link AnnouncePeer}: info hash, port (2), implied port (1), token (1-byte length). */
    static final class AnnouncePeerSerializer extends WireSerializer<AnnouncePeer> {
        private final NodeIdSerializer ids;

        AnnouncePeerSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(AnnouncePeer v) {
            return NodeId.BYTES + 2 + 1 + 1 + v.token().length();
        }

        @Override
        public void write(Kryo kryo, Output out, AnnouncePeer v) {
            ids.write(kryo, out, v.infoHash());
            WireIO.writeU16(out, v.port());
            WireIO.writeU8(out, v.impliedPort() ? 1 : 0);
            WireIO.writeU8(out, v.token().length());
            writeBytes(out, v.token());
        }

        @Override
        public AnnouncePeer read(Kryo kryo, Input in, Class<? extends AnnouncePeer> type) {
            NodeId infoHash = ids.read(kryo, in, NodeId.class);
            int port = WireIO.readU16(in, "port");
            int implied = WireIO.readU8(in, "implied port");
            if (implied > 1) {
                throw WireFormatException.malformed("implied port flag " + implied);
            }
            return new AnnouncePeer(infoHash, port, implied == 1,
                    readBytes(in, WireIO.readU8(in, "token length"), StoreRecord.MAX_TOKEN_BYTES, "token"));
        }
    }

    /** {@link Peers}: token (1-byte length), peer count (1) and addresses, contacts. */
    static final class PeersSerializer extends WireSerializer<Peers> {
        private final AddressSerializer addresses;
        private final ContactLists contacts;

        PeersSerializer(AddressSerializer addresses, ContactLists contacts) {
            this.addresses = addresses;
            this.contacts = contacts;
        }

        @Override
        int sizeOf(Peers v) {
            int size = 1 + v.token().length() + 1;
            for (int i = 0; i < v.values().size(); i++) {
                size += addresses.sizeOf(v.values().get(i));
            }
            return size + contacts.sizeOf(v.nodes());
        }

        @Override
        public void write(Kryo kryo, Output out, Peers v) {
            WireIO.writeU8(out, v.token().length());
            writeBytes(out, v.token());
            WireIO.writeU8(out, v.values().size());
            for (Address a : v.values()) {
                addresses.write(kryo, out, a);
            }
            contacts.write(kryo, out, v.nodes());
        }

        @Override
        public Peers read(Kryo kryo, Input in, Class<? extends Peers> type) {
            var token = readBytes(in, WireIO.readU8(in, "token length"), StoreRecord.MAX_TOKEN_BYTES, "token");
            int count = WireIO.readU8(in, "peer count");
            if (count > MessageLimits.MAX_PEERS) {
                throw WireFormatException.malformed(count + " peers, at most " + MessageLimits.MAX_PEERS);
            }
            // The smallest address is a tag, an IPv4 address and a port: check they are there before allocating.
            WireIO.need(in, count * 7, count + " peers");
            Address[] values = new Address[count];
            for (int i = 0; i < count; i++) {
                values[i] = addresses.read(kryo, in, Address.class);
            }
            return new Peers(token, List.of(values), contacts.read(kryo, in, MessageLimits.MAX_CONTACTS, "contacts"));
        }
    }

    /** {@link UnknownQuery}: the method name's bytes (1-byte length). */
    static final class UnknownQuerySerializer extends WireSerializer<UnknownQuery> {
        @Override
        int sizeOf(UnknownQuery v) {
            return 1 + v.method().length();
        }

        @Override
        public void write(Kryo kryo, Output out, UnknownQuery v) {
            WireIO.writeU8(out, v.method().length());
            out.writeBytes(v.method().getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public UnknownQuery read(Kryo kryo, Input in, Class<? extends UnknownQuery> type) {
            int length = WireIO.readU8(in, "method length");
            if (length > UnknownQuery.MAX_METHOD_CHARS) {
                throw WireFormatException.malformed("method of " + length + " bytes, at most " + UnknownQuery.MAX_METHOD_CHARS);
            }
            WireIO.need(in, length, "method");
            return new UnknownQuery(new String(in.readBytes(length), StandardCharsets.ISO_8859_1));
        }
    }
}
