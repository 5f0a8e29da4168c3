package io.chordia.app.share.swarm;

import io.chordia.app.share.Manifest;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which block a peer is asked for next, and the pieces being downloaded. A peer finishes its
 * current piece, then takes over a piece whose peer went away, then starts the rarest piece it
 * has; once nothing is left to start (endgame) it duplicates requests still in flight elsewhere.
 * Confined to the fetch's node thread.
 */
final class BlockPlanner {
    private final Manifest manifest;
    private final SwarmConfig config;
    private final PiecePicker picker;
    private final PieceBuffers buffers;
    private final Map<Integer, ActivePiece> active = new LinkedHashMap<>();
    /** Active pieces whose peer went away with blocks unrequested: the next peer with room takes them over. */
    private final ArrayDeque<ActivePiece> orphans = new ArrayDeque<>();

    BlockPlanner(Manifest manifest, SwarmConfig config, PiecePicker picker, PieceBuffers buffers) {
        this.buffers = buffers;
        this.manifest = manifest;
        this.config = config;
        this.picker = picker;
    }

    ActivePiece get(int piece) {
        return active.get(piece);
    }

    void remove(int piece) {
        active.remove(piece);
    }

    /**
     * The next block ({@code piece << 32 | block}) to ask {@code s} for, or -1; a new piece is
     * started only while fewer than {@link SwarmConfig#maxPiecesInFlight()} are buffered
     * (downloading here plus {@code verifying}), and a block in flight elsewhere is duplicated
     * (endgame) only when {@code duplicates}.
     */
    long nextBlock(PeerSession s, int verifying, boolean duplicates) {
        if (s.current != null) {
            int b = active.get(s.current.index) == s.current ? s.current.firstUnrequested() : -1;
            if (b >= 0) {
                return PeerSession.key(s.current.index, b);
            }
            s.current = null;
        }
        for (Iterator<ActivePiece> it = orphans.iterator(); it.hasNext(); ) {
            ActivePiece ap = it.next();
            if (active.get(ap.index) != ap || ap.owner != null || ap.firstUnrequested() < 0) {
                it.remove();
            } else if (s.has.get(ap.index)) {
                it.remove();
                ap.owner = s;
                s.current = ap;
                return PeerSession.key(ap.index, ap.firstUnrequested());
            }
        }
        if (active.size() + verifying < config.maxPiecesInFlight()) {
            int p = picker.pick(s.has);
            if (p >= 0) {
                int length = manifest.pieceLength(p);
                ActivePiece ap = new ActivePiece(p, length, buffers.allocate(length), s);
                active.put(p, ap);
                s.current = ap;
                return PeerSession.key(p, 0);
            }
        }
        return duplicates && picker.neededCount() == 0 ? endgameBlock(s) : -1;
    }

    /** The block in flight elsewhere with the fewest requests that {@code s} has not been asked for. */
    private long endgameBlock(PeerSession s) {
        long best = -1;
        int fewest = Integer.MAX_VALUE;
        for (ActivePiece ap : active.values()) {
            if (!s.has.get(ap.index)) {
                continue;
            }
            for (int b = 0; b < ap.blocks.length; b++) {
                long key = PeerSession.key(ap.index, b);
                if (ap.blocks[b] == ActivePiece.REQUESTED && ap.requests[b] < config.endgameDuplicates()
                        && ap.requests[b] < fewest && !s.outstanding.contains(key)) {
                    best = key;
                    fewest = ap.requests[b];
                }
            }
        }
        return best;
    }

    /** {@code s} is gone: its requests will not be answered and its pieces are up for grabs. */
    void peerGone(PeerSession s) {
        if (s.receivingKey >= 0) {
            ActivePiece ap = active.get((int) (s.receivingKey >>> 32));
            if (ap != null && ap.blocks[(int) s.receivingKey] == ActivePiece.RECEIVING) {
                ap.blocks[(int) s.receivingKey] = ActivePiece.REQUESTED;
            }
            s.receivingKey = -1;
        }
        for (long key : s.outstanding) {
            ActivePiece ap = active.get((int) (key >>> 32));
            if (ap != null) {
                ap.requestLost((int) key);
            }
        }
        s.outstanding.clear();
        for (ActivePiece ap : active.values()) {
            if (ap.owner == s) {
                ap.owner = null;
                orphans.add(ap);
            }
        }
        s.current = null;
    }

    /** Forgets every block a banned peer delivered to unfinished pieces. */
    void dropBlocksFrom(PeerSession s) {
        for (ActivePiece ap : active.values()) {
            ap.dropBlocksFrom(s);
        }
    }

    void releaseAll() {
        for (ActivePiece ap : active.values()) {
            ap.buffer.release();
        }
        active.clear();
        orphans.clear();
    }
}
