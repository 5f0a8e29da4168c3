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
import java.util.List;
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
        try (FileChannel ch = FileChannel.open(out.resolve("album.part/a.bin"), StandardOpenOption.WRITE)) {
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
        assertThat(out.resolve("album.part")).doesNotExist();
        assertThat(done.files().get(0)).isEqualTo(out.resolve("album/a.bin"));
        assertThat(out.resolve(PieceStore.STATE_DIR)).doesNotExist();
    }

    @Test
    void whileIncompleteNothingIsUnderTheFinalName() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        try (PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            copyPiece(c, store, 0);
            store.commit(new int[] {0}, 1);
            assertThat(store.paths().get(0)).isEqualTo(out.resolve("album.part/a.bin"));
        }
        assertThat(out.resolve("album")).doesNotExist();
        assertThat(out.resolve("album.part/sub/b.bin")).exists();
        assertThat(ResumeState.journalledPieces(out, c.id())).isEqualTo(1);
        assertThat(ResumeState.pieceCount(out, c.id())).isEqualTo(c.manifest().pieceCount());
    }

    @Test
    void aSingleFileIsFetchedIntoNamePartAndRenamed() throws Exception {
        Path src = SampleFiles.random(dir.resolve("src/one.bin"), 2 * PIECE + 7, 9);
        LocalContent c = new Sharer(PIECE).share(src);
        Path out = dir.resolve("out");
        PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest());
        assertThat(store.paths()).containsExactly(out.resolve("one.bin.part"));
        for (int p = 0; p < c.manifest().pieceCount(); p++) {
            copyPiece(c, store, p);
        }
        store.finish(c.encodedManifest());
        assertThat(out.resolve("one.bin.part")).doesNotExist();
        assertThat(SampleFiles.sha256(out.resolve("one.bin"))).isEqualTo(SampleFiles.sha256(src));
    }

    @Test
    void theSameContentAlreadyUnderItsNameOpensComplete() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        copyTree(dir.resolve("src/album"), out.resolve("album"));
        try (PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            assertThat(store.completeOnOpen()).isTrue();
            assertThat(store.verified().cardinality()).isEqualTo(c.manifest().pieceCount());
            assertThat(store.finish(c.encodedManifest()).files().get(2)).isEqualTo(out.resolve("album/sub/b.bin"));
        }
        assertThat(out.resolve("album.part")).doesNotExist();
        assertThat(SampleFiles.sha256(out.resolve("album/a.bin"))).isEqualTo(SampleFiles.sha256(dir.resolve("src/album/a.bin")));
    }

    @Test
    void aCrashAfterTheRenameAndBeforeTheJournalWentIsCompleteOnTheNextOpen() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        try (PieceStore store = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            for (int p = 0; p < c.manifest().pieceCount(); p++) {
                copyPiece(c, store, p);
            }
            store.commit(new int[] {0, 1, 2, 3, 4}, 5);
        }
        Files.move(out.resolve("album.part"), out.resolve("album")); // what finish() renames, then "killed"
        try (PieceStore again = PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest())) {
            assertThat(again.completeOnOpen()).isTrue();
            again.finish(c.encodedManifest());
        }
        assertThat(out.resolve(PieceStore.STATE_DIR)).doesNotExist();
    }

    @Test
    void completeCopyCatchesAChangedByteAndAWrongSize() throws Exception {
        LocalContent c = sharedDirectory();
        Path copy = dir.resolve("copy/album");
        copyTree(dir.resolve("src/album"), copy);
        List<Path> files = List.of(copy.resolve("a.bin"), copy.resolve("empty.bin"), copy.resolve("sub/b.bin"));
        assertThat(CompleteCopy.matches(files, c.manifest())).isTrue();
        try (FileChannel ch = FileChannel.open(copy.resolve("sub/b.bin"), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, 5);
            one.put(0, (byte) (one.get(0) ^ 1)).rewind();
            ch.write(one, 5);
        }
        assertThat(CompleteCopy.matches(files, c.manifest())).as("one flipped bit").isFalse();
        Files.writeString(copy.resolve("empty.bin"), "x");
        assertThat(CompleteCopy.matches(files, c.manifest())).as("a file of another size").isFalse();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void anotherContentUnderTheNameIsRefusedUntouched() throws Exception {
        LocalContent c = sharedDirectory();
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("album"));
        Files.writeString(out.resolve("album/a.bin"), "mine");
        assertThatThrownBy(() -> PieceStore.open(out, c.id(), c.manifest(), c.encodedManifest()))
                .hasMessageContaining("album already exists and is not this content");
        assertThat(out.resolve("album/a.bin")).hasContent("mine");
        assertThat(out.resolve("album.part")).doesNotExist();
    }
}
