package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFields.malformed;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.Item;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.store.Bep44Items;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeInteger;
import io.chordia.transport.bencode.BencodeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bodies of KRPC messages, the {@code a} and {@code r} dictionaries and the {@code e} list, both ways. */
final class KrpcMessages {
    /** A KRPC error names no sender: its contact carries this id, which no node has. */
    static final NodeId NO_ID = NodeId.ZERO;

    record Query(Contact sender, Request<?> body) {}

    record Answer(Contact sender, Response body) {}

    static Contact anonymous(Address source) {
        return new Contact(NO_ID, source);
    }

    Query query(BencodeDictionary message, Address source) throws MalformedMessageException {
        Bytes q = KrpcFields.value(message, "q");
        BencodeDictionary a = KrpcFields.dictionary(message, "a");
        Contact sender = new Contact(KrpcFields.id(a, "id"), source);
        switch (KrpcMethod.ofWireName(q)) {
            case PING:
                return new Query(sender, new Ping());
            case FIND_NODE:
                return new Query(sender, new FindNode(KrpcFields.id(a, "target"), KrpcConfig.K));
            case GET_PEERS:
                return new Query(sender, new GetPeers(KrpcFields.id(a, "info_hash")));
            case ANNOUNCE_PEER:
                return new Query(sender, announce(a));
            case GET:
                return new Query(sender, new GetItem(KrpcFields.id(a, "target"), present(a, "seq") ? KrpcFields.integer(a, "seq") : -1));
            case PUT:
                return new Query(sender, put(a));
            default:
                if (q.length() > UnknownQuery.MAX_METHOD_CHARS) {
                    throw malformed("method name of " + q.length() + " bytes, at most " + UnknownQuery.MAX_METHOD_CHARS);
                }
                return new Query(sender, new UnknownQuery(new String(q.toArray(), StandardCharsets.ISO_8859_1)));
        }
    }

    private static AnnouncePeer announce(BencodeDictionary a) throws MalformedMessageException {
        long port = KrpcFields.integer(a, "port");
        if (port < 0 || port > 65535) {
            throw malformed("port " + port);
        }
        boolean implied = KrpcFields.optionalInteger(a, "implied_port", 0) != 0;
        return new AnnouncePeer(KrpcFields.id(a, "info_hash"), (int) port, implied,
                Bytes.wrapOwned(KrpcFields.bytes(a, "token")));
    }

    /**
     * BEP 44's put: mutable when it carries a key; {@code v} is kept as the bytes it encodes to. A
     * value or salt over BEP 44's limit becomes an {@link OversizedPutItem}, answered 205 or 207;
     * sized before anything is copied, so its cost is the datagram's, already decoded.
     */
    private Request<Ack> put(BencodeDictionary a) throws MalformedMessageException {
        Bytes token = KrpcFields.value(a, "token");
        BencodeValue v = a.get("v");
        if (v == null) {
            throw malformed("no 'v'");
        }
        if (v.encodedSize() > Bep44Items.MAX_VALUE_BYTES) {
            return new OversizedPutItem(ErrorCode.VALUE_TOO_BIG, (int) v.encodedSize());
        }
        if (present(a, "k") && a.get("salt") instanceof BencodeBytes salt
                && salt.value().length() > Bep44Items.MAX_SALT_BYTES) {
            return new OversizedPutItem(ErrorCode.SALT_TOO_BIG, salt.value().length());
        }
        Bytes value = itemValue(a);
        if (!present(a, "k")) {
            return new PutItem(token, value, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY);
        }
        return new PutItem(token, value, KrpcFields.value(a, "k"),
                present(a, "salt") ? KrpcFields.value(a, "salt") : Bytes.EMPTY, KrpcFields.integer(a, "seq"),
                present(a, "cas") ? KrpcFields.integer(a, "cas") : -1, KrpcFields.value(a, "sig"));
    }

    /**
     * The bencoded {@code v}, or {@code null}. Re-encoded canonically: a value a peer sent with
     * unsorted keys no longer matches its signature, and is refused for it, as libtorrent refuses it.
     */
    private static Bytes itemValue(BencodeDictionary d) throws MalformedMessageException {
        BencodeValue v = d.get("v");
        if (v == null) {
            return null;
        }
        if (v.encodedSize() > Bep44Items.MAX_VALUE_BYTES) {
            throw malformed("'v' of " + v.encodedSize() + " bytes, at most " + Bep44Items.MAX_VALUE_BYTES);
        }
        return Bytes.wrapOwned(BencodeEncoder.encode(v));
    }

    Answer response(BencodeDictionary message, KrpcMethod method, Address source, EnvelopeHints hints,
            Address recipient) throws MalformedMessageException {
        BencodeDictionary r = KrpcFields.dictionary(message, "r");
        Contact sender = new Contact(KrpcFields.id(r, "id"), source);
        switch (method) {
            case PING:
                // Without BEP 42's ip the pong tells nothing new: say the address we received it at.
                return new Answer(sender, new Pong(hints.hasObservedAddress() ? hints.observedAddress() : recipient));
            case FIND_NODE:
                return new Answer(sender, new Nodes(contacts(r)));
            case GET_PEERS:
                byte[] token = present(r, "token") ? KrpcFields.bytes(r, "token") : new byte[0];
                return new Answer(sender, new Peers(Bytes.wrapOwned(token), values(r), contacts(r)));
            case ANNOUNCE_PEER:
            case PUT:
                return new Answer(sender, new Ack());
            case GET:
                return new Answer(sender, item(r));
            default:
                throw malformed("a response to a query of an unknown method, which only has errors");
        }
    }

    private static Item item(BencodeDictionary r) throws MalformedMessageException {
        Bytes token = present(r, "token") ? KrpcFields.value(r, "token") : Bytes.EMPTY;
        Bytes value = itemValue(r);
        List<Contact> nodes = contacts(r);
        if (value == null) {
            return new Item(token, Bytes.EMPTY, Bytes.EMPTY, -1, Bytes.EMPTY, nodes);
        }
        if (!present(r, "k")) {
            return new Item(token, value, Bytes.EMPTY, -1, Bytes.EMPTY, nodes);
        }
        return new Item(token, value, KrpcFields.value(r, "k"), KrpcFields.integer(r, "seq"), KrpcFields.value(r, "sig"), nodes);
    }

    ErrorReply error(BencodeDictionary message) throws MalformedMessageException {
        List<BencodeValue> e = KrpcFields.list(message, "e").items();
        if (e.size() < 2 || !(e.get(0) instanceof BencodeInteger code) || !(e.get(1) instanceof BencodeBytes text)) {
            throw malformed("'e' is not [code, message]");
        }
        return ErrorReply.of(KrpcErrorCodes.fromKrpc(code.value()), text.value().toUtf8());
    }

    private static boolean present(BencodeDictionary d, String key) {
        return d.get(key) != null;
    }

    /** {@code nodes} then {@code nodes6}; either may be absent, neither may be of the wrong type or length. */
    private static List<Contact> contacts(BencodeDictionary r) throws MalformedMessageException {
        List<Contact> out = new ArrayList<>();
        if (present(r, "nodes")) {
            CompactInfo.readNodes(KrpcFields.value(r, "nodes"), 4, MessageLimits.MAX_CONTACTS, out);
        }
        if (present(r, "nodes6")) {
            CompactInfo.readNodes(KrpcFields.value(r, "nodes6"), 16, MessageLimits.MAX_CONTACTS, out);
        }
        return out;
    }

    /** Compact peers of either family; entries of another length or type are skipped, as libtorrent skips them. */
    private static List<Address> values(BencodeDictionary r) throws MalformedMessageException {
        if (!present(r, "values")) {
            return List.of();
        }
        List<BencodeValue> items = KrpcFields.list(r, "values").items();
        if (items.size() > MessageLimits.MAX_PEERS) {
            throw malformed(items.size() + " peers, at most " + MessageLimits.MAX_PEERS);
        }
        List<Address> out = new ArrayList<>(items.size());
        for (BencodeValue item : items) {
            Address a = item instanceof BencodeBytes b ? CompactInfo.readAddress(b.value().toArray()) : null;
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }
}
