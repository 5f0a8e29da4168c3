package io.chordia.app.share;

import io.chordia.core.util.Checks;

/**
 * One file of a content.
 *
 * @param path relative, '/'-separated, each segment checked by {@link SafePaths#checkRelative}
 * @param size in bytes
 */
public record ManifestFile(String path, long size) {
    public ManifestFile {
        SafePaths.checkRelative(path);
        Checks.inRange(size, 0, ManifestLimits.MAX_TOTAL_BYTES, "file size");
    }
}
