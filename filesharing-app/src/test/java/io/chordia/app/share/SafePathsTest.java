package io.chordia.app.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathsTest {
    @TempDir
    Path out;

    @TempDir
    Path elsewhere;

    @Test
    void writesStayUnderTheOutputDirectory() throws Exception {
        Path p = SafePaths.resolveForWriting(out, "album/disc 1/track.flac");
        assertThat(p).isEqualTo(out.resolve("album/disc 1/track.flac"));
        assertThat(Files.isDirectory(out.resolve("album/disc 1"))).isTrue();
    }

    @Test
    void aSymbolicLinkOnTheWayIsNotFollowed() throws Exception {
        Files.createSymbolicLink(out.resolve("album"), elsewhere);
        assertThatThrownBy(() -> SafePaths.resolveForWriting(out, "album/track.flac"))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("symbolic link");
        Files.createSymbolicLink(out.resolve("file"), elsewhere.resolve("target"));
        assertThatThrownBy(() -> SafePaths.resolveForWriting(out, "file")).hasMessageContaining("symbolic link");
        assertThat(elsewhere.resolve("target")).doesNotExist();
    }

    @Test
    void aFileInTheWayOfADirectoryIsReported() throws Exception {
        Files.writeString(out.resolve("album"), "x");
        assertThatThrownBy(() -> SafePaths.resolveForWriting(out, "album/track.flac"))
                .hasMessageContaining("should be a directory");
    }
}
