package io.chordia.app.share;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the manifest of a file or a directory by reading it once: pieces are hashed as the
 * files stream past, across file boundaries. Symbolic links inside a directory are refused
 * rather than followed, so a share never leaks files from outside the shared tree.
 */
public final class Sharer {
    private final int pieceSize;

    public Sharer(int pieceSize) {
        this.pieceSize = pieceSize;
    }

    public Sharer() {
        this(ManifestLimits.DEFAULT_PIECE_SIZE);
    }

    /** Hashes {@code path} (a regular file or a directory); blocks for the time it takes to read it. */
    public LocalContent share(Path path) throws IOException {
        Path root = path.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "nothing to share there");
        }
        String name = root.getFileName() == null ? "root" : root.getFileName().toString();
        SafePaths.checkName(name);
        List<Path> paths = new ArrayList<>();
        List<ManifestFile> files = new ArrayList<>();
        boolean directory = Files.isDirectory(root);
        if (directory) {
            List<Path> found;
            try (Stream<Path> walk = Files.walk(root, ManifestLimits.MAX_DEPTH, new FileVisitOption[0])) {
                found = walk.filter(p -> !p.equals(root)).toList();
            }
            List<String[]> entries = new ArrayList<>();
            for (Path p : found) {
                if (Files.isSymbolicLink(p)) {
                    throw new IOException(p + " is a symbolic link: links are not shared");
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                    entries.add(new String[] {rel, p.toString()});
                }
            }
            entries.sort(Comparator.comparing(e -> e[0]));
            for (String[] e : entries) {
                Path p = Path.of(e[1]);
                files.add(new ManifestFile(e[0], Files.size(p)));
                paths.add(p);
            }
            if (files.isEmpty()) {
                throw new IOException(root + " has no files to share");
            }
        } else {
            files.add(new ManifestFile(name, Files.size(root)));
            paths.add(root);
        }
        byte[] hashes = hashPieces(paths, files);
        return LocalContent.of(new Manifest(name, directory, pieceSize, files, hashes), paths);
    }

    private byte[] hashPieces(List<Path> paths, List<ManifestFile> files) throws IOException {
        long total = files.stream().mapToLong(ManifestFile::size).sum();
        int pieces = (int) ((total + pieceSize - 1) / pieceSize);
        byte[] hashes = new byte[pieces * Manifest.HASH_BYTES];
        MessageDigest sha1 = sha1();
        ByteBuffer buffer = ByteBuffer.allocateDirect(pieceSize);
        int piece = 0;
        for (int i = 0; i < paths.size(); i++) {
            try (FileChannel ch = FileChannel.open(paths.get(i), StandardOpenOption.READ)) {
                long remaining = files.get(i).size();
                while (remaining > 0) {
                    int want = (int) Math.min(buffer.remaining(), remaining);
                    buffer.limit(buffer.position() + want);
                    int n = ch.read(buffer);
                    if (n < 0) {
                        throw new IOException(paths.get(i) + " shrank while it was being shared");
                    }
                    remaining -= n;
                    buffer.limit(buffer.capacity());
                    if (!buffer.hasRemaining()) {
                        piece = digestInto(sha1, buffer, hashes, piece);
                    }
                }
            }
        }
        if (buffer.position() > 0) {
            piece = digestInto(sha1, buffer, hashes, piece);
        }
        return hashes;
    }

    private static int digestInto(MessageDigest sha1, ByteBuffer buffer, byte[] hashes, int piece) {
        buffer.flip();
        sha1.update(buffer);
        try {
            sha1.digest(hashes, piece * Manifest.HASH_BYTES, Manifest.HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        buffer.clear();
        return piece + 1;
    }

    /** A fresh SHA-1 digest (MessageDigest instances are not thread-safe). */
    public static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
