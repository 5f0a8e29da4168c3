package io.chordia.app.share.wire;

import io.chordia.app.share.ManifestLimits;
import io.chordia.app.share.swarm.PeerLink;

/**
 * Frame layout and limits. Every frame is {@code type u8 | body length u32 | body}, big-endian.
 * <pre>
 * fetcher → seeder                         seeder → fetcher
 * 0x01 GET_MANIFEST content id (20)        0x81 MANIFEST   content id (20), encoded manifest
 * 0x02 OPEN         content id (20)        0x82 UNKNOWN    content id (20)
 * 0x03 REQUEST      piece, offset, length  0x83 BITFIELD   content id (20), one bit per piece (MSB first)
 * 0x04 CANCEL       piece, offset, length  0x84 CHOKE      reason, UTF-8 (at most 200 bytes)
 * 0x05 INTERESTED   (empty)                0x85 BLOCK      piece, offset, data
 * 0x06 NOT_INTERESTED (empty)              0x86 HAVE       piece
 *                                          0x87 UNCHOKE    (empty)
 * </pre>
 * INTERESTED, HAVE and UNCHOKE are what partial seeders need (a peer serving the pieces it has
 * while it fetches the rest, unchoking those it trades with: see {@link ServedContent#partial});
 * a complete seeder on TCP serves by upload slot, sends none of them and ignores INTERESTED.
 */
public final class WireFormat {
    public static final int HEADER_BYTES = 5;
    public static final int BLOCK_SIZE = PeerLink.BLOCK_SIZE;
    public static final int ID_BYTES = 20;

    public static final byte GET_MANIFEST = 0x01;
    public static final byte OPEN = 0x02;
    public static final byte REQUEST = 0x03;
    public static final byte CANCEL = 0x04;
    public static final byte INTERESTED = 0x05;
    public static final byte NOT_INTERESTED = 0x06;

    public static final byte MANIFEST = (byte) 0x81;
    public static final byte UNKNOWN = (byte) 0x82;
    public static final byte BITFIELD = (byte) 0x83;
    public static final byte CHOKE = (byte) 0x84;
    public static final byte BLOCK = (byte) 0x85;
    public static final byte HAVE = (byte) 0x86;
    public static final byte UNCHOKE = (byte) 0x87;

    public static final int MAX_REASON_BYTES = 200;
    public static final int MAX_MANIFEST_FRAME = ID_BYTES + ManifestLimits.MAX_ENCODED_BYTES;
    public static final int MAX_BITFIELD_FRAME = ID_BYTES + (ManifestLimits.MAX_PIECES + 7) / 8;
    public static final int BLOCK_HEADER_BYTES = 8;

    private WireFormat() {}

    /** The largest body a fetcher-to-seeder frame of {@code type} may have, or -1 for an unknown type. */
    public static int maxRequestBody(byte type) {
        return switch (type) {
            case GET_MANIFEST, OPEN -> ID_BYTES;
            case REQUEST, CANCEL -> 12;
            case INTERESTED, NOT_INTERESTED -> 0;
            default -> -1;
        };
    }

    /** The largest body a seeder-to-fetcher frame of {@code type} may have, or -1 for an unknown type. */
    public static int maxReplyBody(byte type) {
        return switch (type) {
            case MANIFEST -> MAX_MANIFEST_FRAME;
            case UNKNOWN -> ID_BYTES;
            case BITFIELD -> MAX_BITFIELD_FRAME;
            case CHOKE -> MAX_REASON_BYTES;
            case BLOCK -> BLOCK_HEADER_BYTES + BLOCK_SIZE;
            case HAVE -> 4;
            case UNCHOKE -> 0;
            default -> -1;
        };
    }
}
