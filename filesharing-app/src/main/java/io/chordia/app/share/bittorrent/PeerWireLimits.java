package io.chordia.app.share.bittorrent;

import io.chordia.app.share.ManifestLimits;
import io.chordia.core.util.Checks;

/**
 * What one peer-wire message may be, checked from its 5-byte header before its body is read or
 * allocated: a piece carries at most one 16 KiB block (what every client requests), a bitfield is
 * exactly as long as the piece count needs, an extended message is small (ut_metadata's largest
 * is a 16 KiB block behind a short dictionary), a message of unknown id is skipped only when no
 * larger than a piece.
 *
 * @param pieceCount the content's pieces, or -1 before the metadata is known (any bitfield up to
 *     {@link ManifestLimits#MAX_PIECES} bits)
 */
public record PeerWireLimits(int pieceCount, int maxBlock, int maxExtended) {
    public static final int BLOCK = 16 * 1024;
    /** ut_metadata's data message: a 16 KiB block behind a dictionary of three small integers. */
    public static final int MAX_EXTENDED = BLOCK + 512;

    public PeerWireLimits {
        Checks.inRange(pieceCount, -1, ManifestLimits.MAX_PIECES, "pieceCount");
        Checks.inRange(maxBlock, 1, 1 << 20, "maxBlock");
        Checks.inRange(maxExtended, 2, 1 << 20, "maxExtended");
    }

    public static PeerWireLimits forPieces(int pieceCount) {
        return new PeerWireLimits(pieceCount, BLOCK, MAX_EXTENDED);
    }

    /** Bytes after the id of a piece message: index, begin, block. */
    public int maxPieceBody() {
        return 8 + maxBlock;
    }

    /** The bitfield's exact byte length, or the largest allowed while the piece count is unknown. */
    public int bitfieldBytes() {
        return ((pieceCount < 0 ? ManifestLimits.MAX_PIECES : pieceCount) + 7) / 8;
    }

    /** The largest message (id and body) of any type: what an unknown one may be and still be skipped. */
    public long maxMessage() {
        return Math.max(1L + maxPieceBody(), Math.max(1L + maxExtended, 1L + bitfieldBytes()));
    }
}
