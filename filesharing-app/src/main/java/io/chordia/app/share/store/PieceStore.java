package io.chordia.app.share.store;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.SafePaths;
import io.chordia.app.share.Sharer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Where a fetch puts its pieces: the content's files under {@code outDir/NAME.part} (see
 * {@link PartRoot}), written with positional writes, plus a resume journal in
 * {@code outDir/.chordia-partial/<content id>.journal}. {@link #finish} renames the partial copy to
 * {@code NAME} once every piece is verified.
 *
 * <p>Durability order: a piece's bytes are written, the files are forced to disk, and only then is
 * the piece's index appended to the journal (and the journal forced). After a crash, even
 * {@code kill -9}, the journal names only pieces whose bytes reached the disk; {@link #open} still
 * re-hashes every journalled piece, so a file changed on disk since is detected and its pieces are
 * fetched again. A torn last journal entry is ignored. The rename to {@code NAME} comes before the
 * journal is deleted, so a crash between the two leaves a complete {@code NAME} that the next open
 * verifies and reports complete.
 *
 * <p>Thread-safe: writes are positional; {@link #commit} and {@link #finish} are synchronized.
 */
public final class PieceStore implements AutoCloseable {
    static final String STATE_DIR = ".chordia-partial";
    private static final int JOURNAL_MAGIC = 0x43484A31; // "CHJ1"
    static final int JOURNAL_HEADER = 4 + 20;

    private final ContentId id;
    private final Manifest manifest;
    private final PieceLayout layout;
    private final List<Path> paths;
    private final FileChannel[] files;
    private final Path journalPath;
    private final Path manifestPath;
    private final FileChannel journal;
    private final BitSet verified;
    private final int invalidated;
    private final Path outDir;
    /** The content was already complete under its final name when opened: nothing to rename. */
    private final boolean completeOnOpen;

    private PieceStore(ContentId id, Manifest manifest, List<Path> paths, FileChannel[] files, Path journalPath,
                       Path manifestPath, FileChannel journal, BitSet verified, int invalidated, Path outDir,
                       boolean completeOnOpen) {
        this.id = id;
        this.manifest = manifest;
        this.layout = new PieceLayout(manifest);
        this.paths = paths;
        this.files = files;
        this.journalPath = journalPath;
        this.manifestPath = manifestPath;
        this.journal = journal;
        this.verified = verified;
        this.invalidated = invalidated;
        this.outDir = outDir;
        this.completeOnOpen = completeOnOpen;
    }

    /**
     * Opens (or creates) the partial files of {@code manifest} under {@code outDir} and re-checks
     * the pieces the journal names. A {@code NAME} already there is verified: the same content is
     * opened complete (every piece verified), anything else is refused untouched.
     */
    public static PieceStore open(Path outDir, ContentId id, Manifest manifest, byte[] encodedManifest) throws IOException {
        Files.createDirectories(outDir);
        Path stateDir = outDir.resolve(STATE_DIR);
        Path journalPath = stateDir.resolve(id.toHex() + ".journal");
        Path manifestPath = stateDir.resolve(id.toHex() + ".manifest");
        if (Files.exists(outDir.resolve(manifest.name()), LinkOption.NOFOLLOW_LINKS)) {
            return openComplete(outDir, id, manifest, journalPath, manifestPath);
        }
        List<Path> paths = new ArrayList<>();
        FileChannel[] channels = new FileChannel[manifest.files().size()];
        BitSet journalled = new BitSet(manifest.pieceCount());
        FileChannel journal = null;
        try {
            for (int i = 0; i < channels.length; i++) {
                Path target = SafePaths.resolveForWriting(outDir, PartRoot.relativePath(manifest, i));
                paths.add(target);
                channels[i] = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                long size = manifest.files().get(i).size();
                if (channels[i].size() > size) {
                    channels[i].truncate(size);
                }
            }
            if (!Files.isDirectory(stateDir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(stateDir);
            }
            if (!Files.exists(manifestPath, LinkOption.NOFOLLOW_LINKS)) {
                Files.write(manifestPath, encodedManifest);
            }
            journal = FileChannel.open(journalPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            readJournal(journal, id, manifest, journalled);
        } catch (IOException | RuntimeException e) {
            closeAll(channels, journal);
            throw e;
        }
        PieceStore store = new PieceStore(id, manifest, List.copyOf(paths), channels, journalPath, manifestPath, journal,
                new BitSet(manifest.pieceCount()), 0, outDir, false);
        return store.recheck(journalled);
    }

    private static PieceStore openComplete(Path outDir, ContentId id, Manifest manifest, Path journalPath,
                                           Path manifestPath) throws IOException {
        Path target = outDir.resolve(manifest.name());
        List<Path> paths = PartRoot.finalPaths(outDir, manifest);
        if (!CompleteCopy.matches(paths, manifest)) {
            throw new IOException(target + " already exists and is not this content: move it away or fetch into another"
                    + " directory");
        }
        FileChannel[] channels = new FileChannel[paths.size()];
        try {
            for (int i = 0; i < channels.length; i++) {
                channels[i] = FileChannel.open(paths.get(i), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(channels, null);
            throw e;
        }
        BitSet all = new BitSet(manifest.pieceCount());
        all.set(0, manifest.pieceCount());
        return new PieceStore(id, manifest, List.copyOf(paths), channels, journalPath, manifestPath, null, all, 0, outDir,
                true);
    }

    /** The manifest kept by an earlier, interrupted fetch of {@code id} into {@code outDir}, if any. */
    public static byte[] savedManifest(Path outDir, ContentId id) throws IOException {
        Path p = outDir.resolve(STATE_DIR).resolve(id.toHex() + ".manifest");
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(p) : null;
    }

    private static void readJournal(FileChannel journal, ContentId id, Manifest manifest, BitSet into) throws IOException {
        long size = journal.size();
        if (size < JOURNAL_HEADER) {
            ByteBuffer header = ByteBuffer.allocate(JOURNAL_HEADER).putInt(JOURNAL_MAGIC).put(id.toBytes()).flip();
            journal.truncate(0);
            journal.write(header, 0);
            journal.force(true);
            return;
        }
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, JOURNAL_HEADER + 4L * manifest.pieceCount() * 2));
        journal.read(all, 0);
        all.flip();
        byte[] cid = new byte[20];
        int magic = all.getInt();
        all.get(cid);
        if (magic != JOURNAL_MAGIC || !java.util.Arrays.equals(cid, id.toBytes())) {
            throw new IOException("the resume journal " + id.toHex() + " belongs to other content: delete "
                    + STATE_DIR + " to start over");
        }
        while (all.remaining() >= 4) {
            int piece = all.getInt();
            if (piece >= 0 && piece < manifest.pieceCount()) {
                into.set(piece);
            }
        }
        // Drop a torn tail so later appends stay aligned.
        long aligned = JOURNAL_HEADER + (size - JOURNAL_HEADER) / 4 * 4;
        if (aligned != size) {
            journal.truncate(aligned);
        }
    }

    /** Re-hashes the journalled pieces; keeps those that still match. */
    private PieceStore recheck(BitSet journalled) throws IOException {
        MessageDigest sha1 = Sharer.sha1();
        ByteBuffer buffer = ByteBuffer.allocateDirect(manifest.pieceSize());
        int bad = 0;
        BitSet ok = new BitSet(manifest.pieceCount());
        for (int piece = journalled.nextSetBit(0); piece >= 0; piece = journalled.nextSetBit(piece + 1)) {
            buffer.clear().limit(manifest.pieceLength(piece));
            if (read(piece, buffer)) {
                buffer.flip();
                sha1.update(buffer);
                if (manifest.hashMatches(piece, sha1.digest())) {
                    ok.set(piece);
                    continue;
                }
            }
            bad++;
        }
        return new PieceStore(id, manifest, paths, files, journalPath, manifestPath, journal, ok, bad, outDir, false);
    }

    /** Reads piece {@code piece} into {@code into} (from its position to its limit); false when the files are short. */
    public boolean read(int piece, ByteBuffer into) throws IOException {
        int start = into.position();
        int[] ok = {1};
        layout.forEachSegment(manifest.pieceOffset(piece), into.remaining(), (file, pos, off, len) -> {
            ByteBuffer seg = into.duplicate().position(start + off).limit(start + off + len);
            while (seg.hasRemaining()) {
                if (files[file].read(seg, pos + (seg.position() - start - off)) < 0) {
                    ok[0] = 0;
                    return;
                }
            }
        });
        into.position(into.limit());
        return ok[0] == 1;
    }

    /** Writes a verified piece's bytes (from {@code data}'s position to its limit) to its files; not yet durable. */
    public void write(int piece, ByteBuffer data) throws IOException {
        int start = data.position();
        layout.forEachSegment(manifest.pieceOffset(piece), data.remaining(), (file, pos, off, len) -> {
            ByteBuffer seg = data.duplicate().position(start + off).limit(start + off + len);
            long at = pos;
            while (seg.hasRemaining()) {
                at += files[file].write(seg, at);
            }
        });
    }

    /** Makes the written pieces durable, then records them in the journal: after this they survive a crash. */
    public synchronized void commit(int[] pieces, int count) throws IOException {
        if (count == 0) {
            return;
        }
        for (FileChannel f : files) {
            f.force(false);
        }
        ByteBuffer entries = ByteBuffer.allocate(4 * count);
        for (int i = 0; i < count; i++) {
            entries.putInt(pieces[i]);
            verified.set(pieces[i]);
        }
        entries.flip();
        long at = journal.size();
        while (entries.hasRemaining()) {
            at += journal.write(entries, at);
        }
        journal.force(false);
    }

    /** The pieces known good on disk when the store was opened (plus those committed since). */
    public synchronized BitSet verified() {
        return (BitSet) verified.clone();
    }

    /** Journalled pieces whose bytes no longer match: the files changed on disk since. */
    public int invalidatedOnOpen() {
        return invalidated;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Where the files are now: under {@code NAME.part} while partial. */
    public List<Path> paths() {
        return paths;
    }

    /**
     * Completes the content: everything forced to disk, {@code NAME.part} renamed to {@code NAME},
     * then the journal and kept manifest removed.
     */
    public synchronized LocalContent finish(byte[] encodedManifest) throws IOException {
        for (FileChannel f : files) {
            f.force(true);
        }
        closeAll(files, journal);
        if (!completeOnOpen) {
            PartRoot.promote(outDir, manifest.name());
        }
        Files.deleteIfExists(journalPath);
        Files.deleteIfExists(manifestPath);
        try {
            Files.deleteIfExists(journalPath.getParent());
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // other fetches into the same directory are still partial
        }
        return new LocalContent(id, manifest, encodedManifest, PartRoot.finalPaths(outDir, manifest));
    }

    /** True when the content was complete under its final name before this fetch wrote anything. */
    public boolean completeOnOpen() {
        return completeOnOpen;
    }

    @Override
    public synchronized void close() {
        closeAll(files, journal);
    }

    private static void closeAll(FileChannel[] channels, FileChannel journal) {
        for (FileChannel c : channels) {
            closeQuietly(c);
        }
        closeQuietly(journal);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to do with it
            }
        }
    }
}
