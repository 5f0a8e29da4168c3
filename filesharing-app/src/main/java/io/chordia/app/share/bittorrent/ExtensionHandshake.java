package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeException;
import io.chordia.transport.bencode.BencodeInteger;
import io.chordia.transport.bencode.BencodeLimits;
import io.chordia.transport.bencode.BencodeValue;
import io.chordia.transport.bencode.KeyOrder;

/**
 * BEP 10's handshake (extended message 0), as far as we use it: the id the sender wants
 * ut_metadata messages sent with ({@code m.ut_metadata}, 0 when it has none), the info
 * dictionary's size ({@code metadata_size}, -1 when not given), the client name and how many
 * requests it queues ({@code reqq}). Other keys are ignored.
 */
public record ExtensionHandshake(int utMetadataId, int metadataSize, String client, int requestQueue) {
    public static final String UT_METADATA = "ut_metadata";
    /** The requests a peer queues when it does not say (BEP 10: libtorrent's default). */
    public static final int DEFAULT_REQUEST_QUEUE = 250;
    /** Enough for every key libtorrent sends (m, p, v, yourip, reqq, metadata_size, upload_only, ...), and not much more. */
    private static final BencodeDecoder DECODER = new BencodeDecoder(new BencodeLimits(3, 512, 64, 256), KeyOrder.ANY);

    public byte[] encode() {
        BencodeDictionary.Builder m = BencodeDictionary.builder();
        if (utMetadataId > 0) {
            m.put(UT_METADATA, new BencodeInteger(utMetadataId));
        }
        BencodeDictionary.Builder d = BencodeDictionary.builder().put("m", m.build())
                .put("v", BencodeBytes.of(client)).put("reqq", new BencodeInteger(requestQueue));
        if (metadataSize >= 0) {
            d.put("metadata_size", new BencodeInteger(metadataSize));
        }
        return BencodeEncoder.encode(d.build());
    }

    public static ExtensionHandshake decode(Bytes payload) throws PeerWireViolation {
        BencodeDictionary d = dictionary(payload);
        int utMetadata = 0;
        if (d.get("m") instanceof BencodeDictionary m) {
            utMetadata = (int) integer(m.get(UT_METADATA), 0, 255, 0);
        }
        String client = d.get("v") instanceof BencodeBytes v ? v.value().toUtf8() : "";
        return new ExtensionHandshake(utMetadata, (int) integer(d.get("metadata_size"), 0, Integer.MAX_VALUE, -1), client,
                (int) integer(d.get("reqq"), 1, 100_000, DEFAULT_REQUEST_QUEUE));
    }

    static BencodeDictionary dictionary(Bytes payload) throws PeerWireViolation {
        try {
            if (DECODER.decode(payload.toArray()) instanceof BencodeDictionary d) {
                return d;
            }
        } catch (BencodeException e) {
            throw new PeerWireViolation(DropReason.MALFORMED, "extension message: " + e.getMessage());
        }
        throw new PeerWireViolation(DropReason.MALFORMED, "an extension message that is not a dictionary");
    }

    /** The dictionary at the start of {@code payload} and where it ends (ut_metadata's data follows it). */
    static BencodeDecoder.Prefix dictionaryPrefix(byte[] payload) throws PeerWireViolation {
        try {
            BencodeDecoder.Prefix p = DECODER.decodePrefix(payload, 0, payload.length);
            if (p.value() instanceof BencodeDictionary) {
                return p;
            }
        } catch (BencodeException e) {
            throw new PeerWireViolation(DropReason.MALFORMED, "extension message: " + e.getMessage());
        }
        throw new PeerWireViolation(DropReason.MALFORMED, "an extension message that is not a dictionary");
    }

    /** The integer {@code value} within [min, max]; {@code absent} when there is none; out of range is malformed. */
    static long integer(BencodeValue value, long min, long max, long absent) throws PeerWireViolation {
        if (value == null) {
            return absent;
        }
        if (value instanceof BencodeInteger i && i.value() >= min && i.value() <= max) {
            return i.value();
        }
        throw new PeerWireViolation(DropReason.MALFORMED, "an extension field out of range: " + value);
    }
}
