package io.chordia.transport.krpc;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.Ack;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Item;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Pong;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.Request;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeException;
import io.chordia.transport.bencode.BencodeLimits;
import io.chordia.transport.bencode.BencodeWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Envelopes as KRPC messages, written field by field into a {@link BencodeWriter}: each shape
 * gives its keys in raw byte order (the writer refuses any other), so the bytes are the canonical
 * encoding of the tree BEP 5 describes without that tree being built. Which fields appear is
 * decided here once: our version {@code v} and BEP 42's {@code ip} only when the envelope is not
 * {@link io.chordia.core.message.EnvelopeHints#minimal() minimal}, {@code ro} on our queries when
 * the node is read-only. Throws {@link IllegalArgumentException} for a message with no KRPC form.
 */
final class KrpcMessageWriter {
    private final KrpcConfig config;
    private final KrpcTransactionIds foreignIds;
    private final BencodeDecoder strict = new BencodeDecoder(BencodeLimits.defaults());
    /** Ids are written through this array rather than a new one each. */
    private final byte[] idBytes = new byte[NodeId.BYTES];

    KrpcMessageWriter(KrpcConfig config, KrpcTransactionIds foreignIds) {
        this.config = config;
        this.foreignIds = foreignIds;
    }

    void write(Envelope envelope, BencodeWriter w) {
        Message body = envelope.body();
        boolean minimal = envelope.hints().minimal();
        w.startDictionary();
        if (body instanceof Request<?> request) {
            KrpcMethod method = KrpcMethod.of(request);
            w.key("a");
            arguments(request, envelope.sender().id(), w);
            w.key("q");
            if (method == KrpcMethod.UNKNOWN) {
                w.bytes(((UnknownQuery) request).method().getBytes(StandardCharsets.ISO_8859_1));
            } else {
                w.bytes(method.wireName());
            }
            if (config.readOnly()) {
                w.key("ro").integer(1);
            }
            w.key("t").bytes(KrpcTransactionIds.ours(method, envelope.txId()));
            version(minimal, w);
            w.key("y").bytes("q");
        } else if (body instanceof ErrorReply error) {
            w.key("e").startList()
                    .integer(KrpcErrorCodes.toKrpc(error.code()))
                    .bytes(error.detail().getBytes(StandardCharsets.UTF_8))
                    .end();
            w.key("t").bytes(foreignIds.toForeign(envelope.txId()));
            version(minimal, w);
            w.key("y").bytes("e");
        } else {
            // BEP 42: tell the requester where its query came from; a pong says so itself.
            byte[] ip = minimal ? null
                    : CompactInfo.address(body instanceof Pong pong ? pong.observedAddress() : envelope.recipient());
            if (ip != null) {
                w.key("ip").bytes(ip);
            }
            w.key("r");
            results(body, envelope.sender().id(), w);
            w.key("t").bytes(foreignIds.toForeign(envelope.txId()));
            version(minimal, w);
            w.key("y").bytes("r");
        }
        w.end();
    }

    private void version(boolean minimal, BencodeWriter w) {
        if (config.version().length() > 0 && !minimal) {
            w.key("v").bytes(config.version());
        }
    }

    private void arguments(Request<?> request, NodeId self, BencodeWriter w) {
        w.startDictionary();
        if (request instanceof PutItem put) {
            // The only shape with a key before "id".
            if (put.isMutable() && put.cas() >= 0) {
                w.key("cas").integer(put.cas());
            }
            id(w.key("id"), self);
            if (put.isMutable()) {
                w.key("k").bytes(put.publicKey());
                if (put.salt().length() > 0) {
                    w.key("salt").bytes(put.salt());
                }
                w.key("seq").integer(put.seq());
                w.key("sig").bytes(put.signature());
            }
            w.key("token").bytes(put.token());
            w.key("v");
            bencoded(put.value(), w);
            w.end();
            return;
        }
        id(w.key("id"), self);
        if (request instanceof FindNode find) {
            id(w.key("target"), find.target());
        } else if (request instanceof GetPeers get) {
            id(w.key("info_hash"), get.infoHash());
        } else if (request instanceof AnnouncePeer announce) {
            if (announce.impliedPort()) {
                w.key("implied_port").integer(1);
            }
            id(w.key("info_hash"), announce.infoHash());
            w.key("port").integer(announce.port());
            w.key("token").bytes(announce.token());
        } else if (request instanceof GetItem get) {
            if (get.seq() >= 0) {
                w.key("seq").integer(get.seq());
            }
            id(w.key("target"), get.target());
        }
        w.end();
    }

    private void results(Message body, NodeId self, BencodeWriter w) {
        w.startDictionary();
        id(w.key("id"), self);
        if (body instanceof Nodes nodes) {
            w.key("nodes").bytes(CompactInfo.nodes(nodes.contacts(), 4));
            nodesIfAny("nodes6", nodes.contacts(), 16, w);
        } else if (body instanceof Peers peers) {
            nodesIfAny("nodes", peers.nodes(), 4, w);
            nodesIfAny("nodes6", peers.nodes(), 16, w);
            w.key("token").bytes(peers.token());
            values(peers.values(), w);
        } else if (body instanceof Item item) {
            if (item.isMutable()) {
                w.key("k").bytes(item.publicKey());
            }
            nodesIfAny("nodes", item.nodes(), 4, w);
            nodesIfAny("nodes6", item.nodes(), 16, w);
            if (item.isMutable()) {
                w.key("seq").integer(item.seq());
                w.key("sig").bytes(item.signature());
            }
            w.key("token").bytes(item.token());
            if (item.hasValue()) {
                w.key("v");
                bencoded(item.value(), w);
            }
        } else if (!(body instanceof Pong) && !(body instanceof Ack)) {
            throw new IllegalArgumentException(body.getClass().getSimpleName() + " has no KRPC form");
        }
        w.end();
    }

    /** Compact peers of either family; one that has none (a name, not an IP literal) is left out. */
    private static void values(List<Address> peers, BencodeWriter w) {
        boolean any = false;
        for (Address peer : peers) {
            byte[] compact = CompactInfo.address(peer);
            if (compact != null) {
                if (!any) {
                    w.key("values").startList();
                    any = true;
                }
                w.bytes(compact);
            }
        }
        if (any) {
            w.end();
        }
    }

    private static void nodesIfAny(String key, List<Contact> contacts, int ipBytes, BencodeWriter w) {
        byte[] compact = CompactInfo.nodes(contacts, ipBytes);
        if (compact.length > 0) {
            w.key(key).bytes(compact);
        }
    }

    /**
     * A stored value as the bencode it is. Only one canonical value may go on the wire as it is
     * (it is what a BEP 44 signature covers): strict decoding accepts exactly those.
     */
    private void bencoded(Bytes value, BencodeWriter w) {
        try {
            strict.decode(value.toArray());
        } catch (BencodeException e) {
            throw new IllegalArgumentException("an item's value is not one bencoded value: " + e.getMessage());
        }
        w.encoded(value);
    }

    private void id(BencodeWriter w, NodeId id) {
        id.writeTo(idBytes, 0);
        w.bytes(idBytes);
    }
}
