package io.chordia.app.share.store;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.ManifestCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an interrupted fetch left for a resume, read from outside the fetch: how many pieces its
 * journal names and how many the content has. It only stats the journal (4 bytes an entry), so it
 * is cheap enough to ask with every progress report; a piece journalled twice (its bytes changed on
 * disk and it was fetched again) counts twice, so it can overstate by the rare invalidated piece.
 */
public final class ResumeState {
    private ResumeState() {}

    /** Pieces the journal of {@code id} in {@code outDir} names; 0 when there is none. */
    public static int journalledPieces(Path outDir, ContentId id) {
        try {
            long size = Files.size(journal(outDir, id));
            return (int) Math.max(0, (size - PieceStore.JOURNAL_HEADER) / 4);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The piece count of the manifest kept for {@code id} in {@code outDir}, or -1 when none is kept (yet). */
    public static int pieceCount(Path outDir, ContentId id) {
        try {
            byte[] saved = PieceStore.savedManifest(outDir, id);
            return saved == null ? -1 : ManifestCodec.decode(saved).pieceCount();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Path journal(Path outDir, ContentId id) {
        return outDir.resolve(PieceStore.STATE_DIR).resolve(id.toHex() + ".journal");
    }

    /**
     * "37 of 128 pieces kept in /x/big.bin.part", or what stands for it before the piece count is
     * known. Here, not beside the daemon's commands, because the client prints it from a shutdown
     * hook, where loading a class that starts logging fails.
     */
    public static String describe(int keptPieces, int totalPieces, String path) {
        if (totalPieces < 0) {
            return "no piece kept yet";
        }
        return keptPieces + " of " + totalPieces + " pieces kept in " + path;
    }
}
