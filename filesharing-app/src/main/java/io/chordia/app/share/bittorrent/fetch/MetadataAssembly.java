package io.chordia.app.share.bittorrent.fetch;

import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MetadataMessage;
import io.chordia.app.share.bittorrent.PeerWireViolation;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Checks;

/**
 * An info dictionary arriving over ut_metadata (BEP 9) in 16 KiB pieces, trusted only once its
 * SHA-1 is the infohash. Memory grows with the pieces that actually arrive, never with the size a
 * peer claims: a peer announcing 48 MiB and sending nothing costs one small array of references.
 * Pieces are asked for {@link #WINDOW} at a time; one nobody asked for is a violation.
 */
final class MetadataAssembly {
    /** ut_metadata requests in flight to one peer: a few round trips fetch a 1 MB dictionary. */
    static final int WINDOW = 8;

    private final InfoHash infoHash;
    private final int size;
    private final byte[][] pieces;
    private final boolean[] asked;
    private int nextToAsk;
    private int received;

    MetadataAssembly(InfoHash infoHash, int size) throws PeerWireViolation {
        this.infoHash = Checks.notNull(infoHash, "infoHash");
        if (size <= 0 || size > MetadataMessage.MAX_INFO_BYTES) {
            throw new PeerWireViolation(DropReason.BAD_LENGTH, "metadata_size " + size + " outside 1.."
                    + MetadataMessage.MAX_INFO_BYTES);
        }
        this.size = size;
        int count = MetadataMessage.pieces(size);
        this.pieces = new byte[count][];
        this.asked = new boolean[count];
    }

    int size() {
        return size;
    }

    /** The pieces to ask for now, keeping {@link #WINDOW} in flight; each is returned once. */
    int[] toAsk() {
        int inFlight = 0;
        for (int i = 0; i < nextToAsk; i++) {
            if (asked[i] && pieces[i] == null) {
                inFlight++;
            }
        }
        int n = Math.max(0, Math.min(WINDOW - inFlight, pieces.length - nextToAsk));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            asked[nextToAsk] = true;
            out[i] = nextToAsk++;
        }
        return out;
    }

    /** Takes one data message; throws for a piece not asked for, a repeat, or a total size other than announced. */
    void accept(MetadataMessage.Received data) throws PeerWireViolation {
        MetadataMessage m = data.message();
        if (m.totalSize() != size) {
            throw new PeerWireViolation(DropReason.MALFORMED, "ut_metadata total_size " + m.totalSize()
                    + " after a handshake that said " + size);
        }
        int p = m.piece();
        if (p >= pieces.length || !asked[p] || pieces[p] != null) {
            throw new PeerWireViolation(DropReason.UNREQUESTED_BLOCK, "ut_metadata piece " + p + " nobody asked for");
        }
        pieces[p] = data.data().toArray();
        received++;
    }

    boolean complete() {
        return received == pieces.length;
    }

    /** The whole dictionary, once {@link #complete()}; throws when its SHA-1 is not the infohash (the peer lied). */
    byte[] verified() throws PeerWireViolation {
        Checks.check(complete(), "metadata incomplete: %s of %s pieces", received, pieces.length);
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        if (!InfoHash.of(all).equals(infoHash)) {
            throw new PeerWireViolation(DropReason.BAD_MANIFEST, "the info dictionary's SHA-1 is not the infohash");
        }
        return all;
    }
}
