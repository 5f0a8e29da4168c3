package io.chordia.bootstrap;

import io.chordia.core.id.NodeId;
import io.chordia.core.random.UnguessableRandom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bootstrap node's id, kept in its data directory so peers that saved it find the same node
 * after a restart. A new random id on first start. Failures are IOExceptions whose message says
 * what to do, for the command to show as they are.
 */
final class NodeIdFile {
    static final String NAME = "bootstrap-node-id";

    private NodeIdFile() {}

    static NodeId loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        String saved = readOrCreate(dataDir, file);
        try {
            return NodeId.fromHex(saved);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a node id (40 hex digits); delete it to start"
                    + " with a new id, or restore it from a backup", e);
        }
    }

    /** The saved id's text, after saving a new random id if there was none. */
    private static String readOrCreate(Path dataDir, Path file) throws IOException {
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            NodeId id = NodeId.random(UnguessableRandom.create());
            Path tmp = dataDir.resolve(NAME + ".tmp");
            Files.writeString(tmp, id.toHex() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id.toHex();
        } catch (AccessDeniedException | java.nio.file.FileAlreadyExistsException | java.nio.file.NotDirectoryException e) {
            throw notWritable(dataDir, e);
        } catch (FileSystemException e) {
            throw notWritable(dataDir, e);
        } catch (IOException e) {
            throw new IOException("cannot use data directory " + dataDir + ": " + e.getMessage()
                    + "; pick another with --data-dir", e);
        }
    }

    private static IOException notWritable(Path dataDir, IOException e) {
        return new IOException("data directory " + dataDir + " is not a writable directory; pick another with"
                + " --data-dir, or fix its permissions", e);
    }
}
