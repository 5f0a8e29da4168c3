package io.chordia.app.node;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chordia.app.control.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The fetches this node started and has not finished, kept in the data directory
 * ({@code fetches.json}), so that after a restart {@code chordia transfers} still lists each one
 * whose {@code .part} is on disk, as paused, with the command that resumes it. Rewritten whole
 * (atomically) when a fetch starts or ends, a few times a minute at most. Not thread-safe:
 * {@link Transfers} calls it under its lock.
 */
final class UnfinishedFetches {
    private static final Logger LOG = LogManager.getLogger();

    /**
     * One fetch.
     *
     * @param source what {@code chordia fetch} was given: a chordia link, a magnet link or a {@code .torrent} path
     * @param link   the content's chordia link (name, size and content id)
     * @param outDir where it writes
     */
    record Entry(String source, String link, String outDir, long startedEpochSecond) {}

    private final Path file;

    UnfinishedFetches(Path file) {
        this.file = file;
    }

    /** The fetches saved; none when the file is missing, or (with a warning) unreadable. */
    List<Entry> load() {
        try {
            return List.copyOf(Json.mapper().readValue(Files.readString(file), new TypeReference<List<Entry>>() {}));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the unfinished fetches in {} ({}); paused fetches from before the restart are not listed",
                    file, e.getMessage());
            return List.of();
        }
    }

    void save(List<Entry> entries) {
        try {
            DataDir.writeAtomically(file, Json.pretty(entries) + "\n");
        } catch (IOException e) {
            LOG.warn("cannot record the unfinished fetches in {}: {}", file, e.getMessage());
        }
    }
}
