package io.chordia.app.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Makes sure the test peers can run: installs what is missing once per JVM
 * ({@code interop/install-peers.sh}), then checks each peer and fails with one line naming what
 * is still missing.
 */
public final class InteropPeers {
    private static final long INSTALL_TIMEOUT_SECONDS = 600;
    private static final long CHECK_TIMEOUT_SECONDS = 60;
    private static boolean installRan;

    private InteropPeers() {}

    /**
     * Returns when every peer of {@code kinds} can start.
     *
     * @throws InteropPeerMissingException naming each missing peer and how to install it
     */
    public static synchronized void require(PeerKind... kinds) {
        Path dir = dir();
        if (!installRan) {
            installRan = true;
            install(dir);
        }
        List<Requirement> requirements = new ArrayList<>();
        for (PeerKind kind : kinds) {
            requirements.add(kind.requirement(dir));
        }
        check(requirements);
    }

    /** Fails with one line naming every requirement whose check does not succeed. */
    static void check(List<Requirement> requirements) {
        List<Requirement> missing = requirements.stream().filter(r -> !present(r)).toList();
        if (!missing.isEmpty()) {
            throw new InteropPeerMissingException(missing.stream().map(Requirement::missingText).collect(Collectors.joining("; ")));
        }
    }

    /** The drivers' folder: {@code -Dchordia.interop.dir} (set by the build), else the checkout's. */
    public static Path dir() {
        String configured = System.getProperty("chordia.interop.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "interop");
        return dir.toAbsolutePath().normalize();
    }

    private static boolean present(Requirement requirement) {
        try {
            Process p = new ProcessBuilder(requirement.check()).directory(requirement.workDir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // the interpreter itself is missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the installer; what it could not install shows up in the check after it. */
    private static void install(Path dir) {
        Path script = dir.resolve("install-peers.sh");
        if (!Files.isExecutable(script)) {
            throw new InteropPeerMissingException("the installer " + script + " (run the tests from a checkout of the project)");
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString()).directory(dir.toFile()).inheritIO().start();
            if (!p.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new InteropPeerMissingException("bash, to run " + script + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
