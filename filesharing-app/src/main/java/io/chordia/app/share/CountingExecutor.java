package io.chordia.app.share;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One fetch's view of the shared worker pool, counting its tasks in flight, so whoever cancels the
 * fetch can wait until its last journal commit is on disk before saying how many pieces are kept.
 * Thread-safe.
 */
final class CountingExecutor implements Executor {
    private final Executor delegate;
    private int inFlight;
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

    CountingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            inFlight++;
        }
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (RejectedExecutionException e) {
            done();
            throw e;
        }
    }

    /** Completes once no task of this fetch is queued or running (at once when none is). */
    synchronized CompletableFuture<Void> whenIdle() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        if (inFlight == 0) {
            idle.complete(null);
        } else {
            waiting.add(idle);
        }
        return idle;
    }

    private void done() {
        List<CompletableFuture<Void>> ready;
        synchronized (this) {
            if (--inFlight > 0) {
                return;
            }
            ready = List.copyOf(waiting);
            waiting.clear();
        }
        ready.forEach(f -> f.complete(null));
    }
}
