package io.chordia.transport.codec;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Item;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.Peers;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.CheckRecord;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.message.RecordCheck;
import io.chordia.core.message.Leaving;
import io.chordia.core.message.RecordReply;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import java.time.Duration;
import io.chordia.core.message.LookupDone;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.Notify;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.RecursiveFindNodeDone;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** One pinned envelope per message type, matching the annotated hex files under {@code golden/}. */
final class WireFixtures {
    static final Address RECIPIENT = new Address("127.0.0.1", 9000);
    static final Contact SENDER = new Contact(NodeId.fromHex("0123456789abcdef0123456789abcdef01234567"),
            new Address("192.0.2.1", 4000));
    static final long TX_ID = 0x1122334455667788L;

    static final Contact C1 = new Contact(NodeId.fromHex("11".repeat(20)), new Address("198.51.100.2", 4001));
    static final Contact C2 = new Contact(NodeId.fromHex("22".repeat(20)), new Address("2001:db8::1", 4002));
    static final Contact C3 = new Contact(NodeId.fromHex("33".repeat(20)), new Address("node.example.org", 4003));
    static final NodeId KEY = NodeId.fromHex("ffeeddccbbaa99887766554433221100ffeeddcc");

    static final Map<Class<? extends Message>, Message> BODIES = Map.ofEntries(
            Map.entry(Ping.class, new Ping()),
            Map.entry(Pong.class, new Pong(new Address("203.0.113.7", 6881))),
            Map.entry(FindNode.class, new FindNode(KEY, 20)),
            Map.entry(Nodes.class, new Nodes(List.of(C1, C2, C3))),
            Map.entry(ErrorReply.class, new ErrorReply(ErrorCode.OVERLOADED, "overloaded: retry later (ü)")),
            Map.entry(Ack.class, new Ack()),
            Map.entry(GetNeighbors.class, new GetNeighbors()),
            Map.entry(Neighbors.class, new Neighbors(List.of(C1), List.of(C2, C3))),
            Map.entry(Notify.class, new Notify()),
            Map.entry(FindSuccessor.class, new FindSuccessor(KEY)),
            Map.entry(NextHop.class, new NextHop(true, List.of(C1, C2))),
            Map.entry(RouteLookup.class, new RouteLookup(KEY, 0x0102030405060708L, C1, 2, List.of(C2))),
            Map.entry(LookupDone.class, new LookupDone(0x0102030405060708L, KEY, List.of(C3), 2, List.of(C2))),
            Map.entry(Leaving.class, new Leaving(List.of(), List.of(C1))),
            Map.entry(StoreRecord.class, new StoreRecord(DhtRecord.plain(KEY, Bytes.ofUtf8("hi"), 3, C1.id(),
                    Duration.ofHours(1)), 2, Bytes.wrapOwned(new byte[] {0x0a, 0x0b}))),
            Map.entry(FetchRecord.class, new FetchRecord(KEY)),
            Map.entry(CheckRecord.class, new CheckRecord(KEY, 3, C1.id(), Bytes.wrapOwned(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}))),
            Map.entry(RecordCheck.class, new RecordCheck(true, Bytes.wrapOwned(new byte[] {0x0d}))),
            Map.entry(CompareRange.class, new CompareRange(NodeId.fromHex("a000000000000000000000000000000000000000"), 4,
                    filled(16, 7))),
            Map.entry(RangeDigests.class, RangeDigests.listing(List.of(new RangeDigests.Entry(KEY, filled(16, 9))))),
            Map.entry(RecordReply.class, new RecordReply(List.of(DhtRecord.immutable(Bytes.ofUtf8("hi"),
                    Duration.ofMinutes(30))), Bytes.wrapOwned(new byte[] {0x0c}))),
            Map.entry(RecursiveFindNode.class, new RecursiveFindNode(KEY, 20, 0x0102030405060708L, C1, 2, 3)),
            Map.entry(GetPeers.class, new GetPeers(KEY)),
            Map.entry(AnnouncePeer.class, new AnnouncePeer(KEY, 6881, true, Bytes.wrapOwned(new byte[] {0x0a, 0x0b}))),
            Map.entry(Peers.class, new Peers(Bytes.wrapOwned(new byte[] {0x0c}),
                    List.of(new Address("198.51.100.9", 6881), new Address("2001:db8::9", 6882)), List.of(C1))),
            Map.entry(UnknownQuery.class, new UnknownQuery("vote")),
            Map.entry(GetItem.class, new GetItem(KEY, 4)),
            Map.entry(OversizedPutItem.class, new OversizedPutItem(ErrorCode.SALT_TOO_BIG, 65)),
            Map.entry(PutItem.class, new PutItem(Bytes.wrapOwned(new byte[] {0x0a, 0x0b}), Bytes.ofUtf8("2:hi"),
                    filled(32, 1), Bytes.ofUtf8("s"), 4, 3, filled(64, 2))),
            Map.entry(Item.class, new Item(Bytes.wrapOwned(new byte[] {0x0c}), Bytes.ofUtf8("2:hi"), Bytes.EMPTY, -1,
                    Bytes.EMPTY, List.of(C1))),
            Map.entry(RecursiveFindNodeDone.class,
                    new RecursiveFindNodeDone(0x0102030405060708L, KEY, 3, 4, List.of(C3, C2))));

    private WireFixtures() {}

    private static Bytes filled(int length, int b) {
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) b);
        return Bytes.wrapOwned(out);
    }

    static Envelope envelope(Class<? extends Message> type) {
        return new Envelope(TX_ID, SENDER, RECIPIENT, BODIES.get(type));
    }

    static String goldenResource(Class<? extends Message> type) {
        return "golden/" + type.getSimpleName() + ".hex";
    }

    /** The golden bytes of {@code type}, or {@code null} if it has no fixture file. */
    static byte[] golden(Class<? extends Message> type) {
        return golden(goldenResource(type));
    }

    /** The bytes in the hex fixture {@code resource} ({@code #} starts a comment), or {@code null} if there is none. */
    static byte[] golden(String resource) {
        try (InputStream in = WireFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int comment = line.indexOf('#');
                hex.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
