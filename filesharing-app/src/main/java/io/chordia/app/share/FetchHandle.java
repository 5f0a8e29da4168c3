package io.chordia.app.share;

import java.util.concurrent.CompletableFuture;

/**
 * A fetch started by {@link ShareService#start}: its result, and a cancel that says when the
 * pieces verified so far are on disk for a resume. Thread-safe.
 */
public final class FetchHandle {
    private final CompletableFuture<FetchResult> result = new CompletableFuture<>();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    FetchHandle() {}

    /** Completes with the fetch's result, fails with a {@link FetchFailedException}, or is cancelled. */
    public CompletableFuture<FetchResult> result() {
        return result;
    }

    /**
     * Stops the fetch (if still running), keeping what is verified. The future completes once the
     * fetch has stopped writing: its journal then names every piece a resume will keep.
     */
    public CompletableFuture<Void> cancel() {
        result.cancel(false);
        return settled;
    }

    /** Completes when the fetch has stopped writing, however it ended. */
    public CompletableFuture<Void> settled() {
        return settled;
    }

    void settle() {
        settled.complete(null);
    }
}
