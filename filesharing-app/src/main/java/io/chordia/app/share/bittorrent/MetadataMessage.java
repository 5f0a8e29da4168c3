package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
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

    /** A request or a reject (a dictionary and nothing after it); a data message is for the fetching side. */
    public static MetadataMessage decodeControl(Bytes payload) throws PeerWireViolation {
        BencodeDictionary d = ExtensionHandshake.dictionary(payload);
        int type = (int) ExtensionHandshake.integer(d.get("msg_type"), 0, 2, -1);
        int piece = (int) ExtensionHandshake.integer(d.get("piece"), 0, Integer.MAX_VALUE, -1);
        if (type < 0 || piece < 0) {
            throw new PeerWireViolation(DropReason.MALFORMED, "ut_metadata without msg_type or piece");
        }
        return new MetadataMessage(type, piece, -1);
    }

    /** How many 16 KiB pieces an info dictionary of {@code size} bytes travels in. */
    public static int pieces(int size) {
        return (size + PIECE_BYTES - 1) / PIECE_BYTES;
    }
}
