package io.chordia.app.share.store;

import io.chordia.app.share.Manifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a fetch keeps a content until every piece is verified: {@code NAME.part} (a file, or a
 * directory for a shared directory) beside the final {@code NAME}, renamed to it in one step at the
 * end. So a crash at any point leaves the partial copy or the complete one, never a short
 * {@code NAME} that looks finished.
 */
public final class PartRoot {
    public static final String SUFFIX = ".part";

    private PartRoot() {}

    /** The partial copy of content {@code name} fetched into {@code outDir}. */
    public static Path of(Path outDir, String name) {
        return outDir.resolve(name + SUFFIX);
    }

    /** Where file {@code index} of {@code manifest} goes while partial, relative to the output directory. */
    static String relativePath(Manifest manifest, int index) {
        return manifest.name() + SUFFIX + manifest.relativePath(index).substring(manifest.name().length());
    }

    /** Where the files of {@code manifest} are once complete. */
    public static List<Path> finalPaths(Path outDir, Manifest manifest) {
        List<Path> paths = new ArrayList<>(manifest.files().size());
        for (int i = 0; i < manifest.files().size(); i++) {
            paths.add(outDir.resolve(manifest.relativePath(i)));
        }
        return paths;
    }

    /**
     * Renames the partial copy to its final name atomically and makes the rename durable. Refuses
     * when the final name appeared meanwhile: a rename would silently replace a file.
     */
    static void promote(Path outDir, String name) throws IOException {
        Path target = outDir.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " appeared during the fetch; the complete content is in " + of(outDir, name)
                    + ": move one of them away");
        }
        Files.move(of(outDir, name), target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(outDir);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every platform can sync a directory; the rename itself is still atomic.
        }
    }
}
