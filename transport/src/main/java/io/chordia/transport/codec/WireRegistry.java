package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Item;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.Peers;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.CheckRecord;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.Leaving;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.message.RecordCheck;
import io.chordia.core.message.RecordReply;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.message.LookupDone;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.Notify;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.RecursiveFindNodeDone;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.ChordSerializers.ContactLists;
import io.chordia.transport.codec.ChordSerializers.EmptySerializer;
import io.chordia.transport.codec.ChordSerializers.FindSuccessorSerializer;
import io.chordia.transport.codec.ChordSerializers.LookupDoneSerializer;
import io.chordia.transport.codec.ChordSerializers.NeighbourListsSerializer;
import io.chordia.transport.codec.ChordSerializers.NextHopSerializer;
import io.chordia.transport.codec.ChordSerializers.RouteLookupSerializer;
import io.chordia.transport.codec.KademliaSerializers.RecursiveFindNodeDoneSerializer;
import io.chordia.transport.codec.KademliaSerializers.RecursiveFindNodeSerializer;
import io.chordia.transport.codec.MessageSerializers.ErrorReplySerializer;
import io.chordia.transport.codec.MessageSerializers.FindNodeSerializer;
import io.chordia.transport.codec.MessageSerializers.NodesSerializer;
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
    public static final int GET_NEIGHBORS = 0x12;
    public static final int NOTIFY = 0x13;
    public static final int FIND_SUCCESSOR = 0x14;
    public static final int ROUTE_LOOKUP = 0x15;
    public static final int LOOKUP_DONE = 0x16;
    public static final int LEAVING = 0x17;
    public static final int STORE_RECORD = 0x18;
    public static final int FETCH_RECORD = 0x19;
    public static final int CHECK_RECORD = 0x1a;
    public static final int GET_PEERS = 0x1b;
    public static final int ANNOUNCE_PEER = 0x1c;
    public static final int UNKNOWN_QUERY = 0x1d;
    public static final int GET_ITEM = 0x1e;
    public static final int PUT_ITEM = 0x1f;
    public static final int PONG = 0x20;
    public static final int NODES = 0x21;
    public static final int ERROR_REPLY = 0x22;
    public static final int ACK = 0x23;
    public static final int NEIGHBORS = 0x24;
    public static final int NEXT_HOP = 0x25;
    public static final int RECORD_REPLY = 0x26;
    public static final int RECORD_CHECK = 0x27;
    public static final int PEERS = 0x28;
    public static final int ITEM = 0x29;
    public static final int OVERSIZED_PUT_ITEM = 0x2a;
    /** Kademlia requests take 0x30..0x37, its responses 0x38..0x3f. */
    public static final int RECURSIVE_FIND_NODE = 0x30;
    public static final int RECURSIVE_FIND_NODE_DONE = 0x31;
    /** Range repair takes 0x50 (request) and 0x51 (response). */
    public static final int COMPARE_RANGE = 0x50;
    public static final int RANGE_DIGESTS = 0x51;

    static final int NODE_ID = 0x40;
    static final int ADDRESS = 0x41;
    static final int CONTACT = 0x42;

    private static final Map<Class<? extends Message>, Integer> MESSAGE_IDS = Map.ofEntries(
            Map.entry(Ping.class, PING),
            Map.entry(FindNode.class, FIND_NODE),
            Map.entry(GetNeighbors.class, GET_NEIGHBORS),
            Map.entry(Notify.class, NOTIFY),
            Map.entry(FindSuccessor.class, FIND_SUCCESSOR),
            Map.entry(RouteLookup.class, ROUTE_LOOKUP),
            Map.entry(LookupDone.class, LOOKUP_DONE),
            Map.entry(Leaving.class, LEAVING),
            Map.entry(StoreRecord.class, STORE_RECORD),
            Map.entry(FetchRecord.class, FETCH_RECORD),
            Map.entry(RecordReply.class, RECORD_REPLY),
            Map.entry(CheckRecord.class, CHECK_RECORD),
            Map.entry(RecordCheck.class, RECORD_CHECK),
            Map.entry(CompareRange.class, COMPARE_RANGE),
            Map.entry(RangeDigests.class, RANGE_DIGESTS),
            Map.entry(RecursiveFindNode.class, RECURSIVE_FIND_NODE),
            Map.entry(RecursiveFindNodeDone.class, RECURSIVE_FIND_NODE_DONE),
            Map.entry(Pong.class, PONG),
            Map.entry(Nodes.class, NODES),
            Map.entry(ErrorReply.class, ERROR_REPLY),
            Map.entry(Ack.class, ACK),
            Map.entry(Neighbors.class, NEIGHBORS),
            Map.entry(NextHop.class, NEXT_HOP),
            Map.entry(GetPeers.class, GET_PEERS),
            Map.entry(AnnouncePeer.class, ANNOUNCE_PEER),
            Map.entry(UnknownQuery.class, UNKNOWN_QUERY),
            Map.entry(Peers.class, PEERS),
            Map.entry(GetItem.class, GET_ITEM),
            Map.entry(PutItem.class, PUT_ITEM),
            Map.entry(Item.class, ITEM),
            Map.entry(OversizedPutItem.class, OVERSIZED_PUT_ITEM));

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
        ContactLists lists = new ContactLists(contacts);
        kryo.register(Ping.class, EmptySerializer.ping(), PING);
        kryo.register(FindNode.class, new FindNodeSerializer(ids), FIND_NODE);
        kryo.register(Pong.class, new PongSerializer(addresses), PONG);
        kryo.register(Nodes.class, new NodesSerializer(lists), NODES);
        kryo.register(ErrorReply.class, new ErrorReplySerializer(), ERROR_REPLY);
        kryo.register(GetNeighbors.class, EmptySerializer.getNeighbors(), GET_NEIGHBORS);
        kryo.register(Notify.class, EmptySerializer.notifyMessage(), NOTIFY);
        kryo.register(FindSuccessor.class, new FindSuccessorSerializer(ids), FIND_SUCCESSOR);
        kryo.register(RouteLookup.class, new RouteLookupSerializer(ids, lists), ROUTE_LOOKUP);
        kryo.register(LookupDone.class, new LookupDoneSerializer(ids, lists), LOOKUP_DONE);
        kryo.register(Leaving.class, NeighbourListsSerializer.leaving(lists), LEAVING);
        kryo.register(Ack.class, EmptySerializer.ack(), ACK);
        kryo.register(Neighbors.class, NeighbourListsSerializer.neighbors(lists), NEIGHBORS);
        kryo.register(NextHop.class, new NextHopSerializer(lists), NEXT_HOP);
        StorageSerializers.RecordCodec records = new StorageSerializers.RecordCodec(ids);
        kryo.register(StoreRecord.class, new StorageSerializers.StoreRecordSerializer(records), STORE_RECORD);
        kryo.register(FetchRecord.class, new StorageSerializers.FetchRecordSerializer(ids), FETCH_RECORD);
        kryo.register(RecordReply.class, new StorageSerializers.RecordReplySerializer(records), RECORD_REPLY);
        kryo.register(CheckRecord.class, new StorageSerializers.CheckRecordSerializer(ids), CHECK_RECORD);
        kryo.register(RecordCheck.class, new StorageSerializers.RecordCheckSerializer(), RECORD_CHECK);
        kryo.register(CompareRange.class, new RangeSerializers.CompareRangeSerializer(ids), COMPARE_RANGE);
        kryo.register(RangeDigests.class, new RangeSerializers.RangeDigestsSerializer(ids), RANGE_DIGESTS);
        kryo.register(RecursiveFindNode.class, new RecursiveFindNodeSerializer(ids, lists), RECURSIVE_FIND_NODE);
        kryo.register(RecursiveFindNodeDone.class, new RecursiveFindNodeDoneSerializer(ids, lists), RECURSIVE_FIND_NODE_DONE);
        kryo.register(GetPeers.class, new SwarmSerializers.GetPeersSerializer(ids), GET_PEERS);
        kryo.register(AnnouncePeer.class, new SwarmSerializers.AnnouncePeerSerializer(ids), ANNOUNCE_PEER);
        kryo.register(UnknownQuery.class, new SwarmSerializers.UnknownQuerySerializer(), UNKNOWN_QUERY);
        kryo.register(Peers.class, new SwarmSerializers.PeersSerializer(addresses, lists), PEERS);
        kryo.register(GetItem.class, new ItemSerializers.GetItemSerializer(ids), GET_ITEM);
        kryo.register(PutItem.class, new ItemSerializers.PutItemSerializer(), PUT_ITEM);
        kryo.register(Item.class, new ItemSerializers.ItemSerializer(lists), ITEM);
        kryo.register(OversizedPutItem.class, new ItemSerializers.OversizedPutItemSerializer(), OVERSIZED_PUT_ITEM);
        return kryo;
    }
}
