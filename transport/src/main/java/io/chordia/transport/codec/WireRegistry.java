package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.MessageSerializers.ErrorReplySerializer;
import io.chordia.transport.codec.MessageSerializers.FindNodeSerializer;
import io.chordia.transport.codec.MessageSerializers.NodesSerializer;
import io.chordia.transport.codec.MessageSerializers.PingSerializer;
import io.chordia.transport.codec.MessageSerializers.PongSerializer;
import io.chordia.transport.codec.ValueSerializers.AddressSerializer;
import io.chordia.transport.codec.ValueSerializers.ContactSerializer;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;
import java.util.Map;

/**
 * The one place wire ids are assigned. A message type's id is the last byte of the frame header;
 * value types have Kryo registration ids but never appear on the wire by id. Ids are stable: never
 * renumber or reuse one, only add. Requests take 0x10.., responses 0x20.., values 0x40...
 *
 * <p>Adding a message: a record in {@code io.chordia.core.message}, an id and a serializer here,
 * and a golden fixture in {@code WireGoldenTest}; {@code WireRegistryTest} fails until all three exist.
 */
public final class WireRegistry {
    public static final int PING = 0x10;
    public static final int FIND_NODE = 0x11;
    public static final int PONG = 0x20;
    public static final int NODES = 0x21;
    public static final int ERROR_REPLY = 0x22;

    static final int NODE_ID = 0x40;
    static final int ADDRESS = 0x41;
    static final int CONTACT = 0x42;

    private static final Map<Class<? extends Message>, Integer> MESSAGE_IDS = Map.of(
            Ping.class, PING,
            FindNode.class, FIND_NODE,
            Pong.class, PONG,
            Nodes.class, NODES,
            ErrorReply.class, ERROR_REPLY);

    private WireRegistry() {}

    /** Every concrete message type and its wire id. */
    public static Map<Class<? extends Message>, Integer> messageIds() {
        return MESSAGE_IDS;
    }

    /**
     * A Kryo that knows exactly the wire types, each with its explicit serializer: registration
     * required (nothing else can be written), references off (no back-references to forge).
     */
    static Kryo newKryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        NodeIdSerializer ids = new NodeIdSerializer();
        AddressSerializer addresses = new AddressSerializer();
        ContactSerializer contacts = new ContactSerializer(ids, addresses);
        kryo.register(NodeId.class, ids, NODE_ID);
        kryo.register(Address.class, addresses, ADDRESS);
        kryo.register(Contact.class, contacts, CONTACT);
        kryo.register(Ping.class, new PingSerializer(), PING);
        kryo.register(FindNode.class, new FindNodeSerializer(ids), FIND_NODE);
        kryo.register(Pong.class, new PongSerializer(addresses), PONG);
        kryo.register(Nodes.class, new NodesSerializer(contacts), NODES);
        kryo.register(ErrorReply.class, new ErrorReplySerializer(), ERROR_REPLY);
        return kryo;
    }
}
