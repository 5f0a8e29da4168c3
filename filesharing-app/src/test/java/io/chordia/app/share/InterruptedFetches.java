package io.chordia.app.share;

import io.chordia.app.share.store.PieceStore;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** The state an interrupted fetch leaves on disk, for tests of fetches that resume with part of a content. */
public final class InterruptedFetches {
    private InterruptedFetches() {}

    /** Leaves pieces [from, to) of {@code content} verified and journalled in {@code outDir}, as an interrupted fetch would. */
    public static void keepPieces(Path outDir, LocalContent content, Path original, int from, int to) throws Exception {
        try (PieceStore store = PieceStore.open(outDir, content.id(), content.manifest(), content.encodedManifest());
             FileChannel source = FileChannel.open(original)) {
            int[] kept = new int[to - from];
            for (int p = from; p < to; p++) {
                ByteBuffer data = ByteBuffer.allocate(content.manifest().pieceLength(p));
                source.read(data, content.manifest().pieceOffset(p));
                store.write(p, data.flip());
                kept[p - from] = p;
            }
            store.commit(kept, kept.length);
        }
    }
}
