package io.chordia.app.share.swarm;

import java.util.LinkedHashSet;
import java.util.Set;

/** A piece being downloaded: its buffer and the state of each of its blocks. Confined to the fetch's node thread. */
final class ActivePiece {
    static final byte NONE = 0;
    static final byte REQUESTED = 1;
    static final byte RECEIVING = 2;
    static final byte RECEIVED = 3;

    final int index;
    final int length;
    final PieceBuffers.PieceBuffer buffer;
    final byte[] blocks;
    final byte[] requests;
    /** Who delivered each received block: a banned peer's blocks are dropped before they taint a piece. */
    final PeerSession[] from;
    /** The peer that started it and continues it; null once that peer is gone, so any peer may finish it. */
    PeerSession owner;
    int received;

    ActivePiece(int index, int length, PieceBuffers.PieceBuffer buffer, PeerSession owner) {
        this.index = index;
        this.length = length;
        this.buffer = buffer;
        int n = (length + PeerLink.BLOCK_SIZE - 1) / PeerLink.BLOCK_SIZE;
        this.blocks = new byte[n];
        this.requests = new byte[n];
        this.from = new PeerSession[n];
        this.owner = owner;
    }

    int blockLength(int block) {
        return Math.min(PeerLink.BLOCK_SIZE, length - block * PeerLink.BLOCK_SIZE);
    }

    /** Blocks before it were all requested at some point; lost requests move it back. */
    private int cursor;

    int firstUnrequested() {
        for (; cursor < blocks.length; cursor++) {
            if (blocks[cursor] == NONE) {
                return cursor;
            }
        }
        return -1;
    }

    Set<PeerSession> contributors() {
        Set<PeerSession> all = new LinkedHashSet<>();
        for (PeerSession p : from) {
            if (p != null) {
                all.add(p);
            }
        }
        return all;
    }

    /** Forgets the blocks {@code peer} delivered; they will be requested again. */
    void dropBlocksFrom(PeerSession peer) {
        for (int b = 0; b < blocks.length; b++) {
            if (from[b] == peer && blocks[b] == RECEIVED) {
                from[b] = null;
                blocks[b] = requests[b] > 0 ? REQUESTED : NONE;
                received--;
                cursor = Math.min(cursor, b);
            }
        }
    }

    boolean complete() {
        return received == blocks.length;
    }

    /** A request for {@code block} will not be answered (its peer left or it was cancelled). */
    void requestLost(int block) {
        if (requests[block] > 0) {
            requests[block]--;
        }
        if (requests[block] == 0 && (blocks[block] == REQUESTED || blocks[block] == RECEIVING)) {
            blocks[block] = NONE;
            cursor = Math.min(cursor, block);
        }
    }
}
