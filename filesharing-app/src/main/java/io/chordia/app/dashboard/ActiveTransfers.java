package io.chordia.app.dashboard;

import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fetches running now and their latest progress, for the dashboard. A fetch is listed from
 * {@link #watch} until its future completes, however it ends. Thread-safe.
 */
public final class ActiveTransfers {
    /**
     * One fetch in flight.
     *
     * @param doneBytes bytes verified and on disk so far
     */
    public record Transfer(String name, long totalBytes, long doneBytes, double bytesPerSecond, int peers) {}

    private final AtomicLong ids = new AtomicLong();
    /** Ordered by start, so the page lists transfers in a stable order. */
    private final Map<Long, Transfer> running = new ConcurrentSkipListMap<>();

    /**
     * Lists a fetch of {@code name} started by {@code start}, which is given the listener to fetch
     * with; that listener records each update, then passes it to {@code next}.
     */
    public <T> CompletableFuture<T> watch(String name, long totalBytes, ProgressListener next,
                                          java.util.function.Function<ProgressListener, CompletableFuture<T>> start) {
        long id = ids.incrementAndGet();
        running.put(id, new Transfer(name, totalBytes, 0, 0, 0));
        CompletableFuture<T> fetch;
        try {
            fetch = start.apply(progress -> {
                running.computeIfPresent(id, (k, old) -> of(progress));
                next.onProgress(progress);
            });
        } catch (RuntimeException e) {
            running.remove(id);
            throw e;
        }
        // The caller's future completes after the entry is gone, so a status read then no longer lists it.
        return fetch.whenComplete((r, failure) -> running.remove(id));
    }

    public List<Transfer> now() {
        return new ArrayList<>(running.values());
    }

    private static Transfer of(FetchProgress p) {
        return new Transfer(p.name(), p.totalBytes(), p.verifiedBytes(), p.bytesPerSecond(), p.peers());
    }
}
