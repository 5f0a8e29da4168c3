package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser test refuses to pass quietly: what it cannot find is one line naming it. */
class HeadlessBrowserTest {
    @TempDir
    Path bin;

    @Test
    void noChromiumAndNoRootToInstallItIsOneLoudLine() {
        assertThatThrownBy(() -> HeadlessBrowser.prepare(bin.toString(), false))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("DASHBOARD BROWSER TEST CANNOT RUN: chromium is not installed")
                .hasMessageContaining("apt-get install -y chromium")
                .hasMessageNotContaining("\n");
    }

    @Test
    void chromiumWithoutNodeNamesNode() throws Exception {
        Path chromium = Files.createFile(bin.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertThatThrownBy(() -> HeadlessBrowser.prepare(chromium.getParent().toString(), false))
                .isInstanceOf(AssertionError.class)
                .hasMessage("DASHBOARD BROWSER TEST CANNOT RUN: node (Node.js 20) is not on the PATH; install it");
    }
}
