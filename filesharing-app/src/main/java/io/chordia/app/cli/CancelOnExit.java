package io.chordia.app.cli;

import io.chordia.app.share.store.ResumeState;
import io.chordia.app.node.FetchCommands.CancelReply;
import io.chordia.app.node.FetchCommands.CancelRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Ctrl-C (or SIGTERM) during {@code chordia fetch}: a shutdown hook that asks the node to cancel
 * the fetch, waits until its verified pieces are on disk and prints one line saying how many are
 * kept; the JVM then exits 130 (143 for SIGTERM). A client killed outright cannot run it; the node
 * then cancels the fetch itself when its next progress line finds the client gone.
 */
final class CancelOnExit extends Thread {
    static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(15);

    private final DaemonOptions daemon;
    private final String contentId;
    private final Path outDir;
    private volatile boolean started;

    private CancelOnExit(DaemonOptions daemon, String contentId, Path outDir) {
        super("chordia-cancel-fetch");
        this.daemon = daemon;
        this.contentId = contentId;
        this.outDir = outDir;
    }

    /** Installs the hook for the fetch of {@code contentId} (null: nothing to cancel) into {@code outDir}. */
    static CancelOnExit install(DaemonOptions daemon, String contentId, Path outDir) {
        CancelOnExit hook = new CancelOnExit(daemon, contentId, outDir);
        if (contentId != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return hook;
    }

    @Override
    public void run() {
        started = true;
        String line;
        try {
            CancelReply r = daemon.call("cancel", new CancelRequest(contentId, outDir.toString()), CancelReply.class,
                    CANCEL_TIMEOUT, progress -> { });
            line = "finished".equals(r.state()) ? "the fetch had already finished: " + r.path()
                    : "cancelled: " + ResumeState.describe(r.keptPieces(), r.totalPieces(), r.path())
                    + "; run the same command to resume";
        } catch (Exception e) {
            line = "cancelled; the node did not confirm it (" + e.getMessage() + "); run the same command to resume";
        }
        if (System.console() != null) {
            daemon.err().println(); // below the progress bar
        }
        daemon.err().println(line);
        daemon.err().flush();
    }

    /** The fetch ended normally: the hook is no longer needed. */
    void remove() {
        if (contentId == null || started) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(this);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }

    /**
     * Called when the fetch's answer broke off: if that is because this hook is cancelling (Ctrl-C),
     * the hook prints the one line and the JVM exits when it is done, so this thread must not
     * print an error of its own.
     */
    void waitIfCancelling() throws InterruptedException {
        if (started) {
            join();
            Thread.currentThread().join(); // the JVM halts once the hooks are done
        }
    }
}
