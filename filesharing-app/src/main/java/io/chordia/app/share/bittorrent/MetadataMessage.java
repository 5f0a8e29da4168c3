package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeInteger;

/**
 * BEP 9's ut_metadata messages: the info dictionary travels in 16 KiB pieces, asked for with a
 * request, answered with data (the dictionary, then the piece's bytes) or a reject.
 *
 * @param totalSize the info dictionary's size: in data messages only, else -1
 */
public record MetadataMessage(int type, int piece, int totalSize) {
    public static final int REQUEST = 0;
    public static final int DATA = 1;
    public static final int REJECT = 2;
    public static final int PIECE_BYTES = 16 * 1024;
    /** The largest info dictionary a fetcher accepts: 48 MiB, like our largest encoded manifest. */
    public static final int MAX_INFO_BYTES = 48 << 20;

    public static MetadataMessage request(int piece) {
        return new MetadataMessage(REQUEST, piece, -1);
    }

    public static MetadataMessage reject(int piece) {
        return new MetadataMessage(REJECT, piece, -1);
    }

    /** The bencoded dictionary; a data message's piece bytes follow it in the same extended message. */
    public byte[] encode() {
        BencodeDictionary.Builder d = BencodeDictionary.builder().put("msg_type", new BencodeInteger(type))
                .put("piece", new BencodeInteger(piece));
        if (type == DATA) {
            d.put("total_size", new BencodeInteger(totalSize));
        }
        return BencodeEncoder.encode(d.build());
    }

    /** A message received, and for a data message the piece's bytes that followed its dictionary. */
    public record Received(MetadataMessage message, Bytes data) {}

    /**
     * Any of the three: a request or a reject is a dictionary alone; a data message's piece bytes
     * must be exactly what {@code total_size} says that piece holds (16 KiB, the last one less).
     */
    public static Received decode(Bytes payload) throws PeerWireViolation {
        byte[] bytes = payload.toArray();
        BencodeDecoder.Prefix p = ExtensionHandshake.dictionaryPrefix(bytes);
        BencodeDictionary d = (BencodeDictionary) p.value();
        int type = (int) ExtensionHandshake.integer(d.get("msg_type"), 0, 2, -1);
        int piece = (int) ExtensionHandshake.integer(d.get("piece"), 0, Integer.MAX_VALUE, -1);
        if (type < 0 || piece < 0) {
            throw new PeerWireViolation(DropReason.MALFORMED, "ut_metadata without msg_type or piece");
        }
        int trailing = bytes.length - p.length();
        if (type != DATA) {
            if (trailing != 0) {
                throw new PeerWireViolation(DropReason.MALFORMED, "bytes after a ut_metadata " + (type == REQUEST ? "request" : "reject"));
            }
            return new Received(new MetadataMessage(type, piece, -1), Bytes.EMPTY);
        }
        int total = (int) ExtensionHandshake.integer(d.get("total_size"), 1, MAX_INFO_BYTES, -1);
        if (total < 0 || piece >= pieces(total)) {
            throw new PeerWireViolation(DropReason.MALFORMED, "ut_metadata data without total_size, or past it");
        }
        int expected = Math.min(PIECE_BYTES, total - piece * PIECE_BYTES);
        if (trailing != expected) {
            throw new PeerWireViolation(DropReason.BAD_LENGTH, "ut_metadata piece " + piece + " of " + trailing + " bytes, not " + expected);
        }
        return new Received(new MetadataMessage(DATA, piece, total), Bytes.copyOf(bytes, p.length(), trailing));
    }

    /** How many 16 KiB pieces an info dictionary of {@code size} bytes travels in. */
    public static int pieces(int size) {
        return (size + PIECE_BYTES - 1) / PIECE_BYTES;
    }
}
