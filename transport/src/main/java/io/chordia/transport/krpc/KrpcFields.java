package io.chordia.transport.krpc;

import io.chordia.core.id.NodeId;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeInteger;
import io.chordia.transport.bencode.BencodeList;
import io.chordia.transport.bencode.BencodeValue;

/**
 * Typed reads of a KRPC dictionary's fields. A required field that is missing or of the wrong
 * type makes the message malformed; an optional one that is wrong is treated as absent (BEP 5:
 * be liberal in what you accept), so every reader returns a value or throws, never a surprise.
 */
final class KrpcFields {
    private KrpcFields() {}

    static MalformedMessageException malformed(String why) {
        return new MalformedMessageException(DropReason.MALFORMED, why);
    }

    static byte[] bytes(BencodeDictionary d, String key) throws MalformedMessageException {
        return value(d, key).toArray();
    }

    /** The string under {@code key}, not copied: for checking a length before copying. */
    static Bytes value(BencodeDictionary d, String key) throws MalformedMessageException {
        BencodeValue v = d.get(key);
        if (!(v instanceof BencodeBytes b)) {
            throw malformed(v == null ? "no '" + key + "'" : "'" + key + "' is not a string");
        }
        return b.value();
    }

    /** The string under {@code key}, or {@code null} if absent or not a string. */
    static byte[] optionalBytes(BencodeDictionary d, String key) {
        return d.get(key) instanceof BencodeBytes b ? b.value().toArray() : null;
    }

    static long integer(BencodeDictionary d, String key) throws MalformedMessageException {
        BencodeValue v = d.get(key);
        if (!(v instanceof BencodeInteger i)) {
            throw malformed(v == null ? "no '" + key + "'" : "'" + key + "' is not an integer");
        }
        return i.value();
    }

    /** The integer under {@code key}, or {@code absent} if absent or not an integer. */
    static long optionalInteger(BencodeDictionary d, String key, long absent) {
        return d.get(key) instanceof BencodeInteger i ? i.value() : absent;
    }

    static BencodeDictionary dictionary(BencodeDictionary d, String key) throws MalformedMessageException {
        BencodeValue v = d.get(key);
        if (!(v instanceof BencodeDictionary inner)) {
            throw malformed(v == null ? "no '" + key + "'" : "'" + key + "' is not a dictionary");
        }
        return inner;
    }

    static BencodeList list(BencodeDictionary d, String key) throws MalformedMessageException {
        BencodeValue v = d.get(key);
        if (!(v instanceof BencodeList l)) {
            throw malformed(v == null ? "no '" + key + "'" : "'" + key + "' is not a list");
        }
        return l;
    }

    /** A 20-byte id (a sender's {@code id}, a {@code target}, an {@code info_hash}). */
    static NodeId id(BencodeDictionary d, String key) throws MalformedMessageException {
        byte[] b = bytes(d, key);
        if (b.length != NodeId.BYTES) {
            throw malformed("'" + key + "' of " + b.length + " bytes, not " + NodeId.BYTES);
        }
        return NodeId.fromBytes(b);
    }
}
