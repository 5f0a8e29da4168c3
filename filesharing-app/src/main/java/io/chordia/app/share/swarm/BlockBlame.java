package io.chordia.app.share.swarm;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who sent the bad blocks of a piece that failed its hash with blocks from several peers (endgame
 * duplicates, a piece taken over from a peer that left): the piece's hash cannot say which block
 * is wrong, so each block's digest is kept with its sender, and once the piece passes, the
 * senders of blocks that differ from the verified copy are the liars (libtorrent's smart ban).
 * A piece with one sender needs none of this: that sender is banned at once. At most
 * {@code capacity} failed pieces are remembered, the oldest forgotten first. Confined to the
 * fetch's node thread; {@link #digests} runs on a worker.
 */
final class BlockBlame {
    /** The blocks of one failed piece: each one's SHA-1 and who sent it. */
    private record Failed(byte[][] digests, PeerSession[] from) {
    }

    private final Map<Integer, Failed> failed;

    BlockBlame(int capacity) {
        this.failed = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Failed> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether the verifier must digest {@code ap}'s blocks: it has several senders, or an earlier copy failed. */
    boolean wantsDigests(ActivePiece ap) {
        return failed.containsKey(ap.index) || ap.contributors().size() > 1;
    }

    /** A piece with several senders failed its hash: remembers its blocks (nothing when their digests are missing). */
    void pieceFailed(ActivePiece ap, byte[][] blockDigests) {
        if (blockDigests != null && ap.contributors().size() > 1) {
            failed.put(ap.index, new Failed(blockDigests, ap.from.clone()));
        }
    }

    /** The piece passed: the senders of every earlier block that differs from its verified block, once each. */
    List<PeerSession> piecePassed(ActivePiece ap, byte[][] blockDigests) {
        Failed before = failed.remove(ap.index);
        List<PeerSession> liars = new ArrayList<>();
        if (before == null || blockDigests == null) {
            return liars;
        }
        for (int b = 0; b < blockDigests.length && b < before.digests.length; b++) {
            PeerSession sender = before.from[b];
            if (sender != null && !MessageDigest.isEqual(before.digests[b], blockDigests[b]) && !liars.contains(sender)) {
                liars.add(sender);
            }
        }
        return liars;
    }

    /** The SHA-1 of each 16 KiB block of {@code piece} ({@code length} bytes): on the verifying worker. */
    static byte[][] digests(ByteBuffer piece, int length) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            int n = (length + PeerLink.BLOCK_SIZE - 1) / PeerLink.BLOCK_SIZE;
            byte[][] out = new byte[n][];
            for (int b = 0; b < n; b++) {
                int at = b * PeerLink.BLOCK_SIZE;
                sha1.update(piece.slice(at, Math.min(PeerLink.BLOCK_SIZE, length - at)));
                out[b] = sha1.digest();
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
