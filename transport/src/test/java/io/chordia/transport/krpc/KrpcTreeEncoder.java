package io.chordia.transport.krpc;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
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
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeException;
import io.chordia.transport.bencode.BencodeInteger;
import io.chordia.transport.bencode.BencodeLimits;
import io.chordia.transport.bencode.BencodeList;
import io.chordia.transport.bencode.BencodeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference model of {@link KrpcMessageWriter}: each KRPC message built as the bencode tree
 * BEP 5 describes (a {@link BencodeDictionary} sorts its keys itself) and encoded by
 * {@link BencodeEncoder}. This was the codec's encoder until the reply path wrote its fields
 * straight into the datagram; {@code KrpcStreamingEncodingTest} holds the two to the same bytes.
 */
final class KrpcTreeEncoder {
    private final KrpcWireCodec codec;
    private final BencodeDecoder strict = new BencodeDecoder(BencodeLimits.defaults());

    /** Encodes as {@code codec} (its configuration, its table of peers' transaction ids). */
    KrpcTreeEncoder(KrpcWireCodec codec) {
        this.codec = codec;
    }

    byte[] encode(Envelope envelope) {
        return BencodeEncoder.encode(toBencode(envelope));
    }

    BencodeDictionary toBencode(Envelope envelope) {
        Message body = envelope.body();
        BencodeDictionary.Builder top = BencodeDictionary.builder();
        boolean minimal = envelope.hints().minimal();
        if (codec.config().version().length() > 0 && !minimal) {
            top.put("v", new BencodeBytes(codec.config().version()));
        }
        if (body instanceof Request<?> request) {
            KrpcMethod method = KrpcMethod.of(request);
            top.put("t", bytes(KrpcTransactionIds.ours(method, envelope.txId())));
            top.put("y", BencodeBytes.of("q"));
            top.put("q", method == KrpcMethod.UNKNOWN
                    ? bytes(((UnknownQuery) request).method().getBytes(StandardCharsets.ISO_8859_1))
                    : BencodeBytes.of(method.wireName()));
            top.put("a", arguments(request, envelope.sender().id()));
            if (codec.config().readOnly()) {
                top.put("ro", new BencodeInteger(1));
            }
            return top.build();
        }
        top.put("t", bytes(codec.foreignIds().toForeign(envelope.txId())));
        if (body instanceof ErrorReply error) {
            top.put("y", BencodeBytes.of("e"));
            top.put("e", BencodeList.of(new BencodeInteger(KrpcErrorCodes.toKrpc(error.code())),
                    bytes(error.detail().getBytes(StandardCharsets.UTF_8))));
            return top.build();
        }
        top.put("y", BencodeBytes.of("r"));
        top.put("r", results(body, envelope.sender().id()));
        // BEP 42: tell the requester where its query came from; a pong says so itself.
        byte[] ip = minimal ? null
                : CompactInfo.address(body instanceof Pong pong ? pong.observedAddress() : envelope.recipient());
        if (ip != null) {
            top.put("ip", bytes(ip));
        }
        return top.build();
    }

    BencodeDictionary arguments(Request<?> request, NodeId self) {
        BencodeDictionary.Builder a = BencodeDictionary.builder().put("id", id(self));
        if (request instanceof FindNode find) {
            a.put("target", id(find.target()));
        } else if (request instanceof GetPeers get) {
            a.put("info_hash", id(get.infoHash()));
        } else if (request instanceof AnnouncePeer announce) {
            a.put("info_hash", id(announce.infoHash()));
            a.put("port", new BencodeInteger(announce.port()));
            a.put("token", new BencodeBytes(announce.token()));
            if (announce.impliedPort()) {
                a.put("implied_port", new BencodeInteger(1));
            }
        } else if (request instanceof GetItem get) {
            a.put("target", id(get.target()));
            if (get.seq() >= 0) {
                a.put("seq", new BencodeInteger(get.seq()));
            }
        } else if (request instanceof PutItem put) {
            a.put("token", new BencodeBytes(put.token()));
            a.put("v", bencoded(put.value()));
            if (put.isMutable()) {
                a.put("k", new BencodeBytes(put.publicKey()));
                a.put("seq", new BencodeInteger(put.seq()));
                a.put("sig", new BencodeBytes(put.signature()));
                if (put.salt().length() > 0) {
                    a.put("salt", new BencodeBytes(put.salt()));
                }
                if (put.cas() >= 0) {
                    a.put("cas", new BencodeInteger(put.cas()));
                }
            }
        }
        return a.build();
    }

    BencodeDictionary results(Message body, NodeId self) {
        BencodeDictionary.Builder r = BencodeDictionary.builder().put("id", id(self));
        if (body instanceof Nodes nodes) {
            r.put("nodes", bytes(CompactInfo.nodes(nodes.contacts(), 4)));
            putIfAny(r, "nodes6", CompactInfo.nodes(nodes.contacts(), 16));
        } else if (body instanceof Peers peers) {
            r.put("token", new BencodeBytes(peers.token()));
            putIfAny(r, "nodes", CompactInfo.nodes(peers.nodes(), 4));
            putIfAny(r, "nodes6", CompactInfo.nodes(peers.nodes(), 16));
            List<BencodeValue> values = new ArrayList<>(peers.values().size());
            for (Address peer : peers.values()) {
                byte[] compact = CompactInfo.address(peer);
                if (compact != null) {
                    values.add(bytes(compact));
                }
            }
            if (!values.isEmpty()) {
                r.put("values", new BencodeList(values));
            }
        } else if (body instanceof Item item) {
            r.put("token", new BencodeBytes(item.token()));
            putIfAny(r, "nodes", CompactInfo.nodes(item.nodes(), 4));
            putIfAny(r, "nodes6", CompactInfo.nodes(item.nodes(), 16));
            if (item.hasValue()) {
                r.put("v", bencoded(item.value()));
            }
            if (item.isMutable()) {
                r.put("k", new BencodeBytes(item.publicKey()));
                r.put("seq", new BencodeInteger(item.seq()));
                r.put("sig", new BencodeBytes(item.signature()));
            }
        } else if (!(body instanceof Pong) && !(body instanceof Ack)) {
            throw new IllegalArgumentException(body.getClass().getSimpleName() + " has no KRPC form");
        }
        return r.build();
    }

    /** A stored value back as the bencode it is; a value that is not bencode has no KRPC form. */
    private BencodeValue bencoded(Bytes value) {
        try {
            return strict.decode(value.toArray());
        } catch (BencodeException e) {
            throw new IllegalArgumentException("an item's value is not one bencoded value: " + e.getMessage());
        }
    }

    private static void putIfAny(BencodeDictionary.Builder d, String key, byte[] value) {
        if (value.length > 0) {
            d.put(key, bytes(value));
        }
    }

    private static BencodeBytes id(NodeId id) {
        return bytes(id.toBytes());
    }

    static BencodeBytes bytes(byte[] owned) {
        return new BencodeBytes(Bytes.wrapOwned(owned));
    }
}
