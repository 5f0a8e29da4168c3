package io.chordia.app.node;

import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.FetchHandle;
import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.app.share.store.PartRoot;
import io.chordia.app.share.store.ResumeState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * One fetch the daemon runs, from start to its end and kept a while after, as
 * {@code chordia transfers} lists it. Its kept pieces are read from the fetch's journal, which is
 * what a resume starts from. Thread-safe: the fetch's threads report, control threads read.
 */
public final class Transfer {
    /**
     * A cancelled fetch (Ctrl-C, {@code chordia cancel}, its client gone) is paused, not gone: its
     * verified pieces are kept in the {@code .part} and the same fetch command resumes it; so is one
     * that was running when the node stopped, listed again after the restart.
     */
    enum State { ACTIVE, PAUSED, FAILED, FINISHED }

    private final String source;
    private final Link link;
    private final Path outDir;
    private final Instant started;
    private final long startNanos = System.nanoTime();
    private volatile FetchHandle handle;
    private volatile boolean detached;
    private volatile FetchProgress latest;
    private volatile State state = State.ACTIVE;
    private volatile String why;
    private volatile FetchResult result;
    private volatile long endNanos;
    private volatile int pieceCount = -1;
    private volatile int keptAtEnd = -1;

    /** @param source what {@code chordia fetch} was given (a chordia link, a magnet link, a .torrent path) */
    Transfer(String source, Link link, Path outDir, boolean detached, Instant started) {
        this.source = source;
        this.link = link;
        this.outDir = outDir;
        this.detached = detached;
        this.started = started;
    }

    /** A fetch the node was running when it last stopped, paused since: it has no handle. */
    static Transfer stoppedWithTheNode(String source, Link link, Path outDir, Instant started) {
        Transfer t = new Transfer(source, link, outDir, true, started);
        t.endNanos = t.startNanos;
        t.state = State.PAUSED;
        t.why = "the node stopped before it finished";
        return t;
    }

    /** Follows {@code fetch} to its end, then runs {@code ended} (with the state already set). */
    void attach(FetchHandle fetch, Runnable ended) {
        this.handle = fetch;
        fetch.result().whenComplete((r, failure) -> {
            endNanos = System.nanoTime();
            if (failure == null) {
                result = r;
                state = State.FINISHED;
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                state = cause instanceof CancellationException ? State.PAUSED : State.FAILED;
                why = cause instanceof CancellationException ? "cancelled"
                        : cause instanceof FetchFailedException ? cause.getMessage() : String.valueOf(cause);
            }
            ended.run();
        });
        // A later fetch of the same content may resume and finish it: what this one kept is told as it ended.
        fetch.settled().thenRun(() -> keptAtEnd = journalledNow());
    }

    void onProgress(FetchProgress progress) {
        latest = progress;
    }

    /** The last progress the fetch reported, or null before its first. */
    FetchProgress latest() {
        return latest;
    }

    Link link() {
        return link;
    }

    Path outDir() {
        return outDir;
    }

    String source() {
        return source;
    }

    /** The running fetch, or null for one {@link #stoppedWithTheNode paused since the node stopped}. */
    FetchHandle handle() {
        return handle;
    }

    Instant started() {
        return started;
    }

    boolean detached() {
        return detached;
    }

    void detached(boolean value) {
        detached = value;
    }

    State state() {
        return state;
    }

    /** The transfer id: the content id, which with the output directory names one fetch. */
    String id() {
        return link.contentId().toHex();
    }

    /** Where the bytes are: NAME.part until complete, then NAME. */
    Path path() {
        return state == State.FINISHED ? outDir.resolve(link.name()) : PartRoot.of(outDir, link.name());
    }

    /** Pieces on disk for a resume (all of them once finished). */
    int keptPieces() {
        FetchResult r = result;
        if (r != null) {
            return r.content().manifest().pieceCount();
        }
        return keptAtEnd >= 0 ? keptAtEnd : journalledNow();
    }

    private int journalledNow() {
        int total = totalPieces();
        int journalled = ResumeState.journalledPieces(outDir, link.contentId());
        return total < 0 ? journalled : Math.min(total, journalled);
    }

    /** The content's piece count, or -1 before its manifest is known. */
    int totalPieces() {
        FetchResult r = result;
        if (r != null) {
            return r.content().manifest().pieceCount();
        }
        if (pieceCount < 0) {
            pieceCount = ResumeState.pieceCount(outDir, link.contentId());
        }
        return pieceCount;
    }

    /** What {@code transfers} and {@code status --json} show. */
    TransferView view() {
        FetchProgress p = latest;
        FetchResult r = result;
        long end = state == State.ACTIVE ? System.nanoTime() : endNanos;
        double seconds = Duration.ofNanos(end - startNanos).toNanos() / 1e9;
        long verified = r != null ? r.totalBytes() : p != null ? p.verifiedBytes() : keptBytes();
        long downloaded = r != null ? r.downloadedBytes() : p == null ? 0 : p.downloadedBytes();
        double rate = state == State.ACTIVE ? (p == null ? 0 : p.bytesPerSecond()) : seconds > 0 ? downloaded / seconds : 0;
        int peers = r != null ? r.peersUsed() : p == null || state != State.ACTIVE ? 0 : p.peers();
        return new TransferView(id(), link.name(), state.name().toLowerCase(java.util.Locale.ROOT), path().toString(),
                link.size(), verified, downloaded, keptPieces(), totalPieces(), peers, rate, started.getEpochSecond(),
                seconds, detached, why, source, outDir.toString());
    }

    /** Before any progress report (a fetch paused since a restart): the kept pieces' share of the size, to a piece. */
    private long keptBytes() {
        int total = totalPieces();
        return total <= 0 ? 0 : (long) ((double) link.size() * keptPieces() / total);
    }

    /**
     * One transfer as the control channel carries it.
     *
     * @param state          active, paused (cancelled, or running when the node stopped: the same fetch
     *                       command resumes it), failed or finished
     * @param path           where the bytes are: NAME.part until complete
     * @param keptPieces     pieces journalled on disk, what a resume keeps (all once finished)
     * @param totalPieces    -1 before the manifest is known
     * @param peers          peers transferring now (active), or that delivered (finished)
     * @param bytesPerSecond recent speed (active), or the average over the run
     * @param why            why it stopped, for paused and failed
     * @param source         what {@code chordia fetch} was given, to run it again
     * @param outDir         the fetch's output directory
     */
    public record TransferView(String id, String name, String state, String path, long totalBytes, long verifiedBytes,
                               long downloadedBytes, int keptPieces, int totalPieces, int peers, double bytesPerSecond,
                               long startedEpochSecond, double seconds, boolean detached, String why, String source,
                               String outDir) {}
}
