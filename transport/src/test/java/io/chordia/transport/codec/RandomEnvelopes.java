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
import io.chordia.core.store.PeerSetCodec;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.RecordKind;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import io.chordia.core.message.LookupDone;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.Notify;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.RecursiveFindNodeDone;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.net.Ipv4Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Valid envelopes of every type, drawn from a seeded generator; covers each field's extremes. */
public final class RandomEnvelopes {
    private static final String HOST_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:_%~";
    private static final String DETAIL_CHARS = "abc XYZ 0123:;!?-é€ü漢字";

    private final RandomGenerator random;

    public RandomEnvelopes(RandomGenerator random) {
        this.random = random;
    }

    public Envelope next() {
        return new Envelope(random.nextLong(), contact(), WireFixtures.RECIPIENT, body());
    }

    public Message body() {
        switch (random.nextInt(31)) {
            case 0:
                return new Ping();
            case 1:
                return new Pong(address());
            case 2:
                return new FindNode(NodeId.random(random), 1 + random.nextInt(MessageLimits.MAX_CONTACTS));
            case 3:
                int n = random.nextInt(4) == 0 ? MessageLimits.MAX_CONTACTS : random.nextInt(21);
                List<Contact> contacts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    contacts.add(contact());
                }
                return new Nodes(contacts);
            case 5:
                return new Ack();
            case 6:
                return new GetNeighbors();
            case 7:
                return new Notify();
            case 8:
                return new Neighbors(contacts(Neighbors.MAX_PREDECESSORS, 0), contacts(Neighbors.MAX_SUCCESSORS, 0));
            case 9:
                return new FindSuccessor(NodeId.random(random));
            case 10:
                return new NextHop(random.nextBoolean(), contacts(NextHop.MAX_NODES, 1));
            case 11:
                return new RouteLookup(NodeId.random(random), random.nextLong(), contact(), random.nextInt(256),
                        contacts(RouteLookup.MAX_PATH, 0));
            case 12:
                return new LookupDone(random.nextLong(), NodeId.random(random), contacts(NextHop.MAX_NODES, 1),
                        random.nextInt(256), contacts(RouteLookup.MAX_PATH, 0));
            case 13:
                return new Leaving(contacts(Neighbors.MAX_PREDECESSORS, 0), contacts(Neighbors.MAX_SUCCESSORS, 0));
            case 14: {
                int hops = 1 + random.nextInt(RecursiveFindNode.MAX_HOPS);
                return new RecursiveFindNode(NodeId.random(random), 1 + random.nextInt(MessageLimits.MAX_CONTACTS),
                        random.nextLong(), contact(), hops, hops + random.nextInt(RecursiveFindNode.MAX_SENT - hops + 1));
            }
            case 15: {
                int hops = 1 + random.nextInt(RecursiveFindNode.MAX_HOPS);
                return new RecursiveFindNodeDone(random.nextLong(), NodeId.random(random), hops,
                        hops + random.nextInt(RecursiveFindNode.MAX_SENT - hops + 1), contacts(20, 1));
            }
            case 16:
                return new FetchRecord(NodeId.random(random));
            case 17:
                return new StoreRecord(record(), random.nextInt(3) - 1L, token());
            case 18:
                return new RecordReply(random.nextBoolean() ? List.of() : List.of(record()), token());
            case 19:
                return new CheckRecord(NodeId.random(random), random.nextLong(), NodeId.random(random),
                        digest());
            case 20:
                return new RecordCheck(random.nextBoolean(), token());
            case 21:
                return new GetPeers(NodeId.random(random));
            case 22:
                return new AnnouncePeer(NodeId.random(random), random.nextInt(65536), random.nextBoolean(), token());
            case 23: {
                int peers = random.nextInt(4) == 0 ? MessageLimits.MAX_PEERS : random.nextInt(20);
                List<Address> values = new ArrayList<>(peers);
                for (int i = 0; i < peers; i++) {
                    values.add(address());
                }
                return new Peers(token(), values, contacts(20, 0));
            }
            case 24: {
                char[] method = new char[random.nextInt(UnknownQuery.MAX_METHOD_CHARS + 1)];
                for (int i = 0; i < method.length; i++) {
                    method[i] = (char) random.nextInt(256);
                }
                return new UnknownQuery(new String(method));
            }
            case 25:
                return new GetItem(NodeId.random(random), random.nextInt(3) - 1L);
            case 26:
                if (random.nextBoolean()) {
                    return new PutItem(token(), itemValue(), Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY);
                }
                return new PutItem(token(), itemValue(), randomBytes(32), randomBytes(random.nextInt(65)),
                        random.nextLong(Long.MAX_VALUE), random.nextLong(Long.MAX_VALUE) - 1, randomBytes(64));
            case 27:
                if (random.nextBoolean()) {
                    return new Item(token(), random.nextBoolean() ? Bytes.EMPTY : itemValue(), Bytes.EMPTY, -1, Bytes.EMPTY,
                            contacts(20, 0));
                }
                return new Item(token(), itemValue(), randomBytes(32), random.nextLong(Long.MAX_VALUE), randomBytes(64),
                        contacts(8, 0));
            case 28: {
                int bits = random.nextInt(CompareRange.MAX_PREFIX_BITS + 1);
                return new CompareRange(NodeId.random(random).withLowBits(bits, false), bits, randomBytes(RangeDigests.DIGEST_BYTES));
            }
            case 29:
                return rangeDigests();
            case 30:
                return new OversizedPutItem(random.nextBoolean() ? ErrorCode.VALUE_TOO_BIG : ErrorCode.SALT_TOO_BIG,
                        random.nextInt(1 << 16));
            default:
                ErrorCode[] codes = ErrorCode.values();
                return new ErrorReply(codes[random.nextInt(codes.length)], detail());
        }
    }

    /** Between {@code min} and {@code max} contacts, often exactly {@code max}. */
    public List<Contact> contacts(int max, int min) {
        int n = random.nextInt(4) == 0 ? max : min + random.nextInt(max - min + 1);
        List<Contact> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(contact());
        }
        return out;
    }

    public DhtRecord record() {
        byte[] value = new byte[random.nextInt(4) == 0 ? 300 : random.nextInt(40)];
        random.nextBytes(value);
        java.time.Duration ttl = java.time.Duration.ofSeconds(1 + random.nextInt(86_400));
        if (random.nextBoolean()) {
            return DhtRecord.immutable(Bytes.wrapOwned(value), ttl);
        }
        if (random.nextBoolean()) {
            return DhtRecord.plain(NodeId.random(random), Bytes.wrapOwned(value), random.nextLong(Long.MAX_VALUE),
                    NodeId.random(random), ttl);
        }
        if (random.nextInt(3) == 0) {
            return peerSet(ttl);
        }
        byte[] salt = new byte[random.nextInt(DhtRecord.MAX_SALT_BYTES + 1)];
        random.nextBytes(salt);
        return RecordSigner.generate(random).sign(Bytes.wrapOwned(salt), random.nextLong(Long.MAX_VALUE),
                Bytes.wrapOwned(value), ttl);
    }

    private DhtRecord peerSet(java.time.Duration ttl) {
        NodeId key = NodeId.random(random);
        List<PeerSetEntry> entries = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            byte[] ip = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(ip);
            entries.add(PeerSetEntry.sign(RecordSigner.generate(random), key, Bytes.wrapOwned(ip), 1 + random.nextInt(65535),
                    1 + random.nextLong(Long.MAX_VALUE - 1), random.nextLong(PeerSetEntry.MAX_EPOCH_SECOND + 1)));
        }
        return new DhtRecord(key, RecordKind.PEER_SET, PeerSetCodec.encode(entries), 0, NodeId.ZERO, Bytes.EMPTY,
                Bytes.EMPTY, Bytes.EMPTY, ttl);
    }

    private Bytes randomBytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return Bytes.wrapOwned(b);
    }

    /** A bencoded string of random bytes, up to BEP 44's 1000 bytes in all. */
    private Bytes itemValue() {
        int length = random.nextInt(4) == 0 ? 995 : random.nextInt(100);
        byte[] head = (length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + length];
        System.arraycopy(head, 0, out, 0, head.length);
        byte[] body = new byte[length];
        random.nextBytes(body);
        System.arraycopy(body, 0, out, head.length, length);
        return Bytes.wrapOwned(out);
    }

    private RangeDigests rangeDigests() {
        switch (random.nextInt(3)) {
            case 0:
                return RangeDigests.matching();
            case 1: {
                List<Bytes> children = new ArrayList<>();
                for (int i = 0; i < RangeDigests.FANOUT; i++) {
                    children.add(randomBytes(RangeDigests.DIGEST_BYTES));
                }
                return RangeDigests.split(children);
            }
            default: {
                List<RangeDigests.Entry> entries = new ArrayList<>();
                int count = random.nextInt(4) == 0 ? RangeDigests.MAX_ENTRIES : random.nextInt(RangeDigests.MAX_ENTRIES);
                for (int i = 0; i < count; i++) {
                    entries.add(new RangeDigests.Entry(NodeId.random(random), randomBytes(RangeDigests.DIGEST_BYTES)));
                }
                return RangeDigests.listing(entries);
            }
        }
    }

    public Bytes digest() {
        byte[] d = new byte[CheckRecord.DIGEST_BYTES];
        random.nextBytes(d);
        return Bytes.wrapOwned(d);
    }

    public Bytes token() {
        byte[] t = new byte[random.nextInt(StoreRecord.MAX_TOKEN_BYTES + 1)];
        random.nextBytes(t);
        return Bytes.wrapOwned(t);
    }

    public Contact contact() {
        return new Contact(NodeId.random(random), address());
    }

    public Address address() {
        int port = random.nextInt(8) == 0 ? (random.nextBoolean() ? 1 : 65535) : 1 + random.nextInt(65535);
        switch (random.nextInt(4)) {
            case 0:
            case 1:
                return new Address(Ipv4Literal.format(random.nextInt()), port);
            case 2:
                if (random.nextBoolean()) { // short, and sometimes not canonical ("2001:db8::0")
                    return new Address("2001:db8::" + Integer.toHexString(random.nextInt(0x10000)), port);
                }
                byte[] ip = new byte[16];
                random.nextBytes(ip);
                ip[0] = 0x20; // global unicast: never IPv4-mapped
                return new Address(Ipv6Literal.format(ip), port);
            default:
                int length = random.nextInt(8) == 0 ? Address.MAX_HOST_LENGTH : 1 + random.nextInt(40);
                StringBuilder host = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    host.append(HOST_CHARS.charAt(random.nextInt(HOST_CHARS.length())));
                }
                // A random host that happens to be a dotted quad is legal, and goes binary.
                return new Address(host.toString(), port);
        }
    }

    public String detail() {
        int length = random.nextInt(8) == 0 ? MessageLimits.MAX_DETAIL_CHARS : random.nextInt(60);
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            if (random.nextInt(20) == 0 && s.length() + 2 <= length) {
                s.appendCodePoint(0x1F600 + random.nextInt(64)); // a surrogate pair
            } else {
                s.append(DETAIL_CHARS.charAt(random.nextInt(DETAIL_CHARS.length())));
            }
        }
        return s.toString();
    }
}
