package io.chordia.app.share.store;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.ManifestCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** True when a journal for {@code id} exists in {@code outDir}. */
    public static boolean exists(Path outDir, ContentId id) {
        return Files.isRegularFile(journal(outDir, id), LinkOption.NOFOLLOW_LINKS);
    }

    private static Path journal(Path outDir, ContentId id) {
        return outDir.resolve(PieceStore.STATE_DIR).resolve(id.toHex() + ".journal");
    }
}
