package io.chordia.app.share;

import io.chordia.core.net.Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a completed fetch went.
 *
 * @param root              where the content is ({@code outDir/name})
 * @param downloadedBytes   block payload bytes received in this run (a resumed fetch receives less than the total)
 * @param resumedPieces     pieces found verified on disk from an earlier run and not fetched again
 * @param invalidatedPieces journalled pieces whose bytes had changed on disk, fetched again
 * @param hashFailures      pieces that failed their hash and were fetched again
 * @param banned            peers banned for sending bad pieces or a bad manifest
 * @param peersUsed         distinct peers that delivered at least one block
 */
public record FetchResult(LocalContent content, Path root, long totalBytes, long downloadedBytes, int resumedPieces,
                          int invalidatedPieces, int hashFailures, List<Address> banned, int peersUsed, Duration elapsed) {
    public FetchResult {
        banned = List.copyOf(banned);
    }

    /** Throughput of this run, in bytes per second of wall time. */
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : downloadedBytes / s;
    }
}
