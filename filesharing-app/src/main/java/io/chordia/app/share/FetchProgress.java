package io.chordia.app.share;

import java.time.Duration;

/**
 * A snapshot of a fetch.
 *
 * @param verifiedBytes   bytes of pieces verified and on disk (including those kept from an earlier run)
 * @param downloadedBytes block payload bytes received in this run, duplicates and rejects included
 * @param bytesPerSecond  recent download speed
 * @param peers           connections currently transferring
 * @param eta             time left at the recent speed, or null when unknown
 */
public record FetchProgress(String name, long totalBytes, long verifiedBytes, long downloadedBytes, double bytesPerSecond,
                            int peers, Duration eta, boolean done) {
    public double fraction() {
        return totalBytes == 0 ? 1.0 : (double) verifiedBytes / totalBytes;
    }
}
