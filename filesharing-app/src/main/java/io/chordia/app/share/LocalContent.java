package io.chordia.app.share;

import io.chordia.core.util.Checks;
import java.nio.file.Path;
import java.util.List;

/**
 * A content this peer holds completely: its manifest, the manifest's encoding and id, and where
 * each of its files is on disk (in manifest order).
 */
public record LocalContent(ContentId id, Manifest manifest, byte[] encodedManifest, List<Path> files) {
    public LocalContent {
        files = List.copyOf(files);
        Checks.check(files.size() == manifest.files().size(), "one path per manifest file");
    }

    public static LocalContent of(Manifest manifest, List<Path> files) {
        byte[] encoded = ManifestCodec.encode(manifest);
        return new LocalContent(ContentId.of(encoded), manifest, encoded, files);
    }

    public Link link() {
        return Link.of(id, manifest);
    }
}
