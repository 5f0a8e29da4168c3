package io.chordia.app.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a browser test needs, found or installed: Debian's chromium (installed with apt-get when
 * missing and running as root), node and npm, and playwright-core in {@link #DIR} (npm ci from
 * the committed lock file when node_modules is missing). When something cannot be had the test
 * fails with one line naming it, never a silent skip: a suite that quietly stops testing the page
 * looks the same as one that passes.
 */
final class HeadlessBrowser {
    /** The npm project holding the driver script and its pinned playwright-core. */
    static final Path DIR = Path.of(System.getProperty("chordia.browser.dir", "src/test/browser")).toAbsolutePath();
    private static final long INSTALL_MINUTES = 10;

    private final Path chromium;
    private final Path node;

    private HeadlessBrowser(Path chromium, Path node) {
        this.chromium = chromium;
        this.node = node;
    }

    /** Finds or installs everything; fails with one loud line naming what is missing. */
    static HeadlessBrowser prepare() throws IOException, InterruptedException {
        return prepare(System.getenv().getOrDefault("PATH", ""), isRoot());
    }

    /** {@link #prepare()} with the PATH to search and whether apt-get may be run. */
    static HeadlessBrowser prepare(String path, boolean root) throws IOException, InterruptedException {
        Path chromium = onPath(path, "chromium").or(() -> onPath(path, "chromium-browser")).orElse(null);
        if (chromium == null) {
            chromium = installChromium(path, root);
        }
        Path node = onPath(path, "node").orElseThrow(() -> missing("node (Node.js 20) is not on the PATH; install it"));
        Path npm = onPath(path, "npm").orElseThrow(() -> missing("npm is not on the PATH; install it with Node.js"));
        if (!Files.isDirectory(DIR.resolve("node_modules").resolve("playwright-core"))) {
            System.err.println("HeadlessBrowser: installing playwright-core with npm ci in " + DIR);
            Result r = run(DIR, INSTALL_MINUTES, npm.toString(), "ci", "--no-audit", "--no-fund");
            if (r.code() != 0) {
                throw missing("playwright-core: 'npm ci' in " + DIR + " failed (is the npm registry reachable?): "
                        + r.lastLine());
            }
        }
        return new HeadlessBrowser(chromium, node);
    }

    /** Runs {@code script} (in {@link #DIR}) with node, chromium's path first among its arguments. */
    Result drive(String script, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), script, chromium.toString()));
        command.addAll(List.of(args));
        return run(DIR, timeout.toSeconds(), TimeUnit.SECONDS, command);
    }

    record Result(int code, String out, String err) {
        String lastLine() {
            String text = (err + "\n" + out).strip();
            return text.isEmpty() ? "(no output)" : text.substring(text.lastIndexOf('\n') + 1);
        }
    }

    private static Path installChromium(String path, boolean root) throws IOException, InterruptedException {
        if (!root) {
            throw missing("chromium is not installed and this is not root, so the test cannot install it:"
                    + " run 'apt-get install -y chromium' as root");
        }
        System.err.println("HeadlessBrowser: CHROMIUM IS MISSING: installing it with apt-get install -y chromium");
        Result r = run(Path.of("."), INSTALL_MINUTES, "apt-get", "install", "-y", "chromium");
        if (r.code() != 0) {
            // A fresh machine may have no package lists yet.
            run(Path.of("."), INSTALL_MINUTES, "apt-get", "update");
            r = run(Path.of("."), INSTALL_MINUTES, "apt-get", "install", "-y", "chromium");
        }
        Result failed = r;
        return onPath(path, "chromium").orElseThrow(() -> missing("chromium is not installed and 'apt-get install -y chromium'"
                + " failed (exit " + failed.code() + "): " + failed.lastLine()));
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        return run(Path.of("."), 1, "id", "-u").out().strip().equals("0");
    }

    private static Optional<Path> onPath(String path, String program) {
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static AssertionError missing(String what) {
        return new AssertionError("DASHBOARD BROWSER TEST CANNOT RUN: " + what);
    }

    private static Result run(Path dir, long minutes, String... command) throws IOException, InterruptedException {
        return run(dir, minutes, TimeUnit.MINUTES, List.of(command));
    }

    private static Result run(Path dir, long amount, TimeUnit unit, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("browser-out", ".txt");
        Path err = Files.createTempFile("browser-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(amount, unit)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, "", String.join(" ", command) + " did not finish within " + amount + " "
                        + unit.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
