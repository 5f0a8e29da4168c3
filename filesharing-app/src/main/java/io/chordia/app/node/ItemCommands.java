package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlRegistry;
import io.chordia.app.node.NodeCommands.GetReply;
import io.chordia.app.node.NodeCommands.GetRequest;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.PutItem;
import io.chordia.core.net.Contact;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.util.Bytes;
import io.chordia.routing.kademlia.ItemGetResult;
import io.chordia.routing.kademlia.ItemLookups;
import io.chordia.routing.kademlia.ItemPutResult;
import io.chordia.routing.kademlia.ItemQuery;
import io.chordia.routing.overlay.BitTorrentServices;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The control verbs of BEP 44 items on a mainline node: {@code put-item} (an immutable item, or a
 * mutable one the client signed: its private key never reaches the daemon) and {@code get-item}.
 * On a mainline node the plain {@code get} reads the immutable item at its 40-hex target, since our
 * own records have no KRPC form there; {@code put KEY VALUE} is refused with the commands to use.
 */
public final class ItemCommands {
    private static final HexFormat HEX = HexFormat.of();

    private ItemCommands() {}

    /**
     * @param value     the value as text, stored as a bencoded string
     * @param publicKey empty for an immutable item, else the Ed25519 key (64 hex)
     * @param salt      the salt as text (mutable items only)
     * @param signature the client's signature over salt, seq and the bencoded value (128 hex)
     */
    public record PutItemRequest(String value, String publicKey, String salt, long seq, long cas, String signature) {}

    /** @param status OK when at least one node stored it, else FAILED */
    public record PutItemReply(String target, String publicKey, long seq, String status, List<String> stored,
                               List<String> refused, List<String> failed) {}

    /** @param target 40 hex for an immutable item; ignored when {@code publicKey} names a mutable one */
    public record GetItemRequest(String target, String publicKey, String salt) {}

    /**
     * @param status FOUND or NOT_FOUND
     * @param value  the bencoded string's text, or the bencoded value itself when it is not a string
     * @param seq    a mutable item's sequence number, -1 otherwise or when not found
     */
    public record GetItemReply(String target, String status, String value, String valueHex, long seq, List<String> answered,
                               int rejected) {}

    static void registerAll(ControlRegistry registry, PeerDaemon daemon) {
        registry.register(NodeCommands.command("put-item", PutItemRequest.class, (q, p) -> put(daemon.joined(), q)));
        registry.register(NodeCommands.command("get-item", GetItemRequest.class, (q, p) -> get(daemon.joined(), q)));
    }

    static boolean servesItems(PeerDaemon daemon) {
        return lookups(daemon).isPresent();
    }

    static void refuseRecordsOnMainline(PeerDaemon daemon) {
        if (servesItems(daemon)) {
            throw new UserFacingException("a mainline node stores BEP 44 items, not records under a KEY",
                    "chordia put --immutable VALUE, or chordia put --mutable --key-file FILE VALUE");
        }
    }

    /** {@code get TARGET} on a mainline node: the immutable item at the target, in a record get's shape. */
    static GetReply getImmutable(PeerDaemon daemon, GetRequest q) throws Exception {
        GetItemReply r = get(daemon, new GetItemRequest(q.key(), null, null));
        return new GetReply(r.target(), r.status(), r.value(), r.answered());
    }

    static PutItemReply put(PeerDaemon daemon, PutItemRequest q) throws Exception {
        ItemLookups items = itemLookups(daemon);
        if (q.value() == null) {
            throw new UserFacingException("no value to store", "give a value: chordia put --immutable VALUE");
        }
        Bytes v = bencodedString(q.value());
        if (v.length() > Bep44Items.MAX_VALUE_BYTES) {
            throw new UserFacingException("the value bencodes to " + v.length() + " bytes; a BEP 44 item holds at most "
                    + Bep44Items.MAX_VALUE_BYTES, "store a shorter value");
        }
        PutItem put;
        try {
            put = isEmpty(q.publicKey()) ? new PutItem(Bytes.EMPTY, v, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY)
                    : new PutItem(Bytes.EMPTY, v, hex(q.publicKey()), salt(q.salt()), q.seq(), q.cas(), hex(q.signature()));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("malformed item: " + e.getMessage(), "check the key, salt (at most 64 bytes) and seq");
        }
        if (!put.signatureVerifies()) {
            throw new UserFacingException("the signature does not cover this salt, seq and value", "sign it again");
        }
        ItemPutResult r = NodeCommands.awaitNetwork(items.put(put), NodeCommands.TIMEOUT);
        return new PutItemReply(r.target().toHex(), put.isMutable() ? HEX.formatHex(put.publicKey().toArray()) : null,
                r.seq(), r.stored().isEmpty() ? "FAILED" : "OK", describe(r.stored()), r.refused(), describe(r.failed()));
    }

    static GetItemReply get(PeerDaemon daemon, GetItemRequest q) throws Exception {
        ItemLookups items = itemLookups(daemon);
        ItemQuery query;
        try {
            query = isEmpty(q.publicKey()) ? ItemQuery.immutable(NodeCommands.idOf(q.target()))
                    : ItemQuery.mutable(hex(q.publicKey()), salt(q.salt()));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("malformed item query: " + e.getMessage(),
                    "give a 40-hex target, or a 64-hex public key and a salt of at most 64 bytes");
        }
        ItemGetResult r = NodeCommands.awaitNetwork(items.get(query), NodeCommands.TIMEOUT);
        List<String> answered = r.holders().stream().map(h -> PeerDaemon.describe(h.contact())).toList();
        NodeId target = query.target();
        if (!r.found()) {
            return new GetItemReply(target.toHex(), "NOT_FOUND", null, null, -1, answered, r.rejected());
        }
        Bytes v = r.item().value();
        return new GetItemReply(target.toHex(), "FOUND", stringOf(v), HEX.formatHex(v.toArray()), r.item().seq(), answered,
                r.rejected());
    }

    /** Text as BEP 44's drivers store it: a bencoded string of its UTF-8 bytes. */
    public static Bytes bencodedString(String text) {
        Bytes utf8 = Bytes.ofUtf8(text);
        byte[] prefix = (utf8.length() + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + utf8.length()];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(utf8.toArray(), 0, out, prefix.length, utf8.length());
        return Bytes.wrapOwned(out);
    }

    /** The text of a bencoded string; any other bencoded value as it is. */
    static String stringOf(Bytes bencoded) {
        String text = new String(bencoded.toArray(), StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon > 0 && text.substring(0, colon).chars().allMatch(Character::isDigit)) {
            String rest = new String(bencoded.toArray(), colon + 1, bencoded.length() - colon - 1,
                    StandardCharsets.UTF_8);
            if (Long.parseLong(text.substring(0, colon)) == bencoded.length() - colon - 1) {
                return rest;
            }
        }
        return text;
    }

    private static Optional<ItemLookups> lookups(PeerDaemon daemon) {
        return BitTorrentServices.items(daemon.node());
    }

    private static ItemLookups itemLookups(PeerDaemon daemon) {
        return lookups(daemon).orElseThrow(() -> new UserFacingException("this node runs " + daemon.protocolLabel()
                + "; BEP 44 items live on a mainline node", "start one with chordia node --protocol mainline"));
    }

    private static List<String> describe(List<Contact> contacts) {
        return contacts.stream().map(PeerDaemon::describe).toList();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static Bytes hex(String text) {
        return Bytes.wrapOwned(HEX.parseHex(text));
    }

    private static Bytes salt(String text) {
        return isEmpty(text) ? Bytes.EMPTY : Bytes.ofUtf8(text);
    }
}
