package io.chordia.app.share;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * What a content is: its name, its files (in canonical order), the piece size and the SHA-1 of
 * every piece. Pieces run across file boundaries, as if the files were concatenated in order.
 * A manifest that exists is valid; {@link ManifestCodec} gives its one encoding.
 *
 * <p>A single-file content ({@code directory == false}) has one file whose path is the name and
 * lands at {@code outDir/name}; a directory's files land at {@code outDir/name/path}.
 */
public final class Manifest {
    public static final int HASH_BYTES = 20;

    private final String name;
    private final boolean directory;
    private final int pieceSize;
    private final List<ManifestFile> files;
    private final byte[] pieceHashes;
    private final long totalSize;
    private final int pieceCount;

    public Manifest(String name, boolean directory, int pieceSize, List<ManifestFile> files, byte[] pieceHashes) {
        SafePaths.checkName(name);
        if (pieceSize < ManifestLimits.MIN_PIECE_SIZE || pieceSize > ManifestLimits.MAX_PIECE_SIZE
                || Integer.bitCount(pieceSize) != 1) {
            throw new InvalidManifestException("piece size " + pieceSize + " is not a power of two in ["
                    + ManifestLimits.MIN_PIECE_SIZE + ", " + ManifestLimits.MAX_PIECE_SIZE + "]");
        }
        if (files.isEmpty() || files.size() > ManifestLimits.MAX_FILES) {
            throw new InvalidManifestException("a manifest has 1.." + ManifestLimits.MAX_FILES + " files, this one " + files.size());
        }
        if (!directory && (files.size() != 1 || !files.get(0).path().equals(name))) {
            throw new InvalidManifestException("a single-file manifest has exactly one file, named like the content");
        }
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            total += files.get(i).size();
            if (total > ManifestLimits.MAX_TOTAL_BYTES) {
                throw new InvalidManifestException("total size exceeds " + ManifestLimits.MAX_TOTAL_BYTES + " bytes");
            }
            if (i > 0) {
                checkOrder(files.get(i - 1).path(), files.get(i).path());
            }
        }
        long pieces = (total + pieceSize - 1) / pieceSize;
        if (pieces > ManifestLimits.MAX_PIECES) {
            throw new InvalidManifestException(pieces + " pieces is more than " + ManifestLimits.MAX_PIECES
                    + ": use a larger piece size");
        }
        if (pieceHashes.length != pieces * HASH_BYTES) {
            throw new InvalidManifestException("expected " + pieces + " piece hashes for " + total + " bytes, got "
                    + pieceHashes.length / HASH_BYTES);
        }
        this.name = name;
        this.directory = directory;
        this.pieceSize = pieceSize;
        this.files = List.copyOf(files);
        this.pieceHashes = pieceHashes.clone();
        this.totalSize = total;
        this.pieceCount = (int) pieces;
    }

    /** Paths strictly increasing (so unique), and no file is also a directory of another. */
    private static void checkOrder(String previous, String next) {
        if (previous.compareTo(next) >= 0) {
            throw new InvalidManifestException("file paths are not in strictly increasing order at '"
                    + SafePaths.printable(next) + "'");
        }
        if (next.startsWith(previous + "/")) {
            throw new InvalidManifestException("'" + SafePaths.printable(previous) + "' is both a file and a directory");
        }
    }

    public String name() {
        return name;
    }

    public boolean directory() {
        return directory;
    }

    public int pieceSize() {
        return pieceSize;
    }

    public List<ManifestFile> files() {
        return files;
    }

    public long totalSize() {
        return totalSize;
    }

    public int pieceCount() {
        return pieceCount;
    }

    /** Where file {@code index} goes, relative to the output directory. */
    public String relativePath(int index) {
        return directory ? name + "/" + files.get(index).path() : name;
    }

    public long pieceOffset(int piece) {
        return (long) piece * pieceSize;
    }

    public int pieceLength(int piece) {
        long start = pieceOffset(piece);
        return (int) Math.min(pieceSize, totalSize - start);
    }

    public byte[] pieceHash(int piece) {
        return Arrays.copyOfRange(pieceHashes, piece * HASH_BYTES, (piece + 1) * HASH_BYTES);
    }

    /** True when {@code digest} (20 bytes) is piece {@code piece}'s hash, in constant time. */
    public boolean hashMatches(int piece, byte[] digest) {
        return MessageDigest.isEqual(digest, pieceHash(piece));
    }

    byte[] pieceHashesUnsafe() {
        return pieceHashes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && name.equals(m.name) && directory == m.directory && pieceSize == m.pieceSize
                && files.equals(m.files) && Arrays.equals(pieceHashes, m.pieceHashes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(pieceHashes);
    }

    @Override
    public String toString() {
        return "Manifest[" + name + ", " + files.size() + " files, " + totalSize + " bytes, " + pieceCount + " pieces]";
    }
}
