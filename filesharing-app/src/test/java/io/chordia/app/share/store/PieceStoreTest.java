package io.chordia.app.share.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.Sharer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PieceStoreTest {
    private static final int PIECE = 16 * 1024;

    @TempDir
    Path dir;

    private LocalContent sharedDirectory() throws Exception {
        Path src = dir.resolve("src/album");
        SampleFiles.random(src.resolve("a.bin"), 3 * PIECE + 100, 1);
        SampleFiles.random(src.resolve("empty.bin"), 0, 2);
        SampleFiles.random(src.resolve("sub/b.bin"), 2 * PIECE - 50, 3);
        return new Sharer(PIECE).share(src);
    }

    private static void copyPiece(LocalContent c, PieceStore store, int piece) throws Exception {
        // Read the piece from the source files through a second store-like layout: the seeder's view.
        ByteBuffer buf = ByteBuffer.allocate(c.manifest().pieceLength(piece));
        PieceLayout layout = new PieceLayout(c.manifest());
        layout.forEachSegment(c.manifest().pieceOffset(piece), buf.remaining(), (file, pos, off, len) -> {
            try (FileChannel ch = FileChannel.open(c.files().get(file))) {
                ch.read(ByteBuffer.wrap(buf.array(), off, len), pos);
            }
        });
        store.write(piece, buf);
    }

    @Test
    void committedPiecesAreKeptAcrossARestartAndTheRestIsNot() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        try (PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            assertThat(store.verified().isEmpty()).isTrue();
            copyPiece(c, store, 0);
            copyPiece(c, store, 3);
            store.commit(new int[] {0, 3}, 2);
            copyPiece(c, store, 1); // written, never committed: as if killed before the journal entry
        }
        assertThat(PieceStore.savedManifest(out, c.id())).isEqualTo(c.encodedManifest());
        try (PieceStore again = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            assertThat(again.verified().stream().boxed().toList()).containsExactly(0, 3);
            assertThat(again.invalidatedOnOpen()).isZero();
        }
    }

    @Test
    void aFileChangedOnDiskIsDetectedOnRestart() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        try (PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            for (int p = 0; p < c.manifest().pieceCount(); p++) {
                copyPiece(c, store, p);
            }
            store.commit(new int[] {0, 1, 2, 3, 4}, 5);
        }
        try (FileChannel ch = FileChannel.open(out.resolve("album/a.bin"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), PIECE + 10);
        }
        try (PieceStore again = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            assertThat(again.invalidatedOnOpen()).isEqualTo(1);
            assertThat(again.verified().get(1)).isFalse();
            assertThat(again.verified().cardinality()).isEqualTo(4);
        }
    }

    @Test
    void aTornJournalEntryIsIgnored() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        try (PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            copyPiece(c, store, 2);
            store.commit(new int[] {2}, 1);
        }
        Path journal = out.resolve(PieceStore.STATE_DIR).resolve(c.id().toHex() + ".journal");
        Files.write(journal, new byte[] {0, 0}, StandardOpenOption.APPEND);
        try (PieceStore again = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            assertThat(again.verified().stream().boxed().toList()).containsExactly(2);
        }
    }

    @Test
    void finishingLeavesTheFilesAndNoState() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest());
        for (int p = 0; p < c.manifest().pieceCount(); p++) {
            copyPiece(c, store, p);
        }
        LocalContent done = store.finish(c.encodedManifest());
        assertThat(done.files()).hasSize(3);
        assertThat(SampleFiles.sha256(out.resolve("album/sub/b.bin"))).isEqualTo(SampleFiles.sha256(dir.resolve("src/album/sub/b.bin")));
        assertThat(out.resolve("album/empty.bin")).isEmptyFile();
        assertThat(out.resolve(PieceStore.STATE_DIR)).doesNotExist();
    }

    @Test
    void anExistingFileWithoutAJournalIsNotOverwritten() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("album"));
        Files.writeString(out.resolve("album/a.bin"), "mine");
        assertThatThrownBy(() -> PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest()))
                .hasMessageContaining("already exists");
        assertThat(out.resolve("album/a.bin")).hasContent("mine");
    }
}
