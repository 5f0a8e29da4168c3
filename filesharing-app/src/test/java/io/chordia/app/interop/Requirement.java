package io.chordia.app.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * Something a test peer needs, checked by running {@code check} in {@code workDir}: present when it
 * exits 0. {@code name} and {@code hint} make the one line that says what is missing.
 */
record Requirement(String name, List<String> check, Path workDir, String hint) {
    Requirement {
        check = List.copyOf(check);
    }

    String missingText() {
        return name + " (" + hint + ")";
    }
}
