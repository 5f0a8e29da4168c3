package io.chordia.app.node;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.Sharer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What this node serves, kept in the data directory ({@code shares.txt}: one "content-id path"
 * line each) so a restarted node serves it again. A path is re-hashed at start: a file changed
 * since it was shared has another content id and is dropped with a warning, never served under
 * the old id. Thread-safe.
 */
final class SharedContents {
    private static final Logger LOG = LogManager.getLogger();

    private final Path file;
    private final Map<String, Path> byId = new LinkedHashMap<>();

    SharedContents(Path file) {
        this.file = file;
    }

    /** Reads the list; a missing file is an empty list, a malformed line is skipped with a warning. */
    synchronized void load() throws IOException {
        byId.clear();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (line.isBlank()) {
                    continue;
                }
                if (space != 2 * io.chordia.core.id.NodeId.BYTES) {
                    LOG.warn("skipping a malformed line in {}: {}", file, line);
                    continue;
                }
                byId.put(line.substring(0, space), Path.of(line.substring(space + 1)));
            }
        } catch (NoSuchFileException e) {
            // nothing shared yet
        }
    }

    synchronized Map<String, Path> entries() {
        return Map.copyOf(byId);
    }

    synchronized void add(ContentId id, Path path) throws IOException {
        if (!path.equals(byId.put(id.toHex(), path))) {
            save();
        }
    }

    synchronized void remove(String idHex) throws IOException {
        if (byId.remove(idHex) != null) {
            save();
        }
    }

    /** Hashes {@code path} again; the content, or null (with a warning) when it is gone or changed. */
    static LocalContent rehash(String idHex, Path path, int pieceSize) {
        try {
            LocalContent content = new Sharer(pieceSize).share(path);
            if (!content.id().toHex().equals(idHex)) {
                LOG.warn("{} changed since it was shared as {}; no longer serving it (share it again for a new link)",
                        path, idHex);
                return null;
            }
            return content;
        } catch (IOException e) {
            LOG.warn("cannot serve {} again: {}", path, e.getMessage());
            return null;
        }
    }

    private void save() throws IOException {
        StringBuilder text = new StringBuilder();
        byId.forEach((id, path) -> text.append(id).append(' ').append(path).append('\n'));
        DataDir.writeAtomically(file, text.toString());
    }
}
