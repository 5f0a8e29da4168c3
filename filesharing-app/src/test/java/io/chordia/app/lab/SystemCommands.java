package io.chordia.app.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the short system commands that build the lab ({@code ip ...}) and says in one line why one failed. */
final class SystemCommands {
    private static final long TIMEOUT_SECONDS = 30;

    private SystemCommands() {}

    /** A command that could not be run, or exited with an error. */
    static final class CommandFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        CommandFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Runs {@code command} to completion; returns its standard output. */
    static String run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new CommandFailedException("cannot run '" + command.get(0) + "': " + oneLine(e.getMessage()), e);
        }
        p.getOutputStream().close();
        // Both pipes drained concurrently, so a chatty command cannot block on a full one.
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new CommandFailedException("'" + String.join(" ", command) + "' did not finish in " + TIMEOUT_SECONDS + " s", null);
        }
        if (p.exitValue() != 0) {
            throw new CommandFailedException("'" + String.join(" ", command) + "' exited " + p.exitValue() + ": "
                    + oneLine(err.join()), null);
        }
        return out;
    }

    /** Several lines as one: failure messages here must stay on one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
