package io.chordia.app.node;

import io.chordia.app.share.FetchHandle;
import io.chordia.app.share.Link;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.store.PartRoot;
import io.chordia.app.share.store.ResumeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The daemon's fetches, running and ended: at most one running per content and output directory
 * (a second {@code chordia fetch} of it follows the first rather than write the same .part
 * twice), and the last {@link #KEPT_ENDED} ended ones for {@code chordia transfers}. A fetch of a
 * content into a directory replaces the ended one it resumes, so each fetch is listed once. The
 * unfinished ones are kept in {@link UnfinishedFetches}, so a restarted node lists those whose
 * {@code .part} is still there as paused. Thread-safe: starting and finding take this object's
 * lock, while a fetch's end, on the fetch's thread, only reads the list to save it, so it never
 * waits on a start (which may wait on that thread).
 */
final class Transfers {
    static final int KEPT_ENDED = 50;

    private final List<Transfer> all = new CopyOnWriteArrayList<>();
    private final UnfinishedFetches saved;

    /** @param saved where the unfinished fetches are kept; those of the last run come back paused */
    Transfers(UnfinishedFetches saved) {
        this.saved = saved;
        for (UnfinishedFetches.Entry e : saved.load()) {
            pausedBefore(e).ifPresent(all::add);
        }
        trim();
        save();
    }

    /**
     * The running fetch of {@code link} into {@code outDir}, or a new one started with
     * {@code starter}; {@code detached} says whether it outlives its client, {@code source} is
     * what {@code chordia fetch} was given.
     */
    synchronized Transfer start(String source, Link link, Path outDir, boolean detached,
                                Function<ProgressListener, FetchHandle> starter) {
        for (Transfer t : all) {
            if (t.state() == Transfer.State.ACTIVE && sameFetch(t, link, outDir)) {
                t.detached(detached);
                return t;
            }
        }
        Transfer t = new Transfer(source, link, outDir, detached, Instant.now());
        FetchHandle handle = starter.apply(t::onProgress); // may refuse (the node is still joining): nothing changes then
        all.removeIf(ended -> sameFetch(ended, link, outDir));
        all.add(t);
        t.attach(handle, this::save);
        trim();
        save();
        return t;
    }

    /**
     * The running fetch whose id starts with {@code id} (a content id, or a prefix of one), into
     * {@code outDir} when given; else the latest ended one.
     */
    synchronized Optional<Transfer> find(String id, Path outDir) {
        Transfer found = null;
        for (Transfer t : all) {
            if (t.id().startsWith(id) && (outDir == null || t.outDir().equals(outDir))
                    && (found == null || found.state() != Transfer.State.ACTIVE)) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    synchronized List<Transfer.TransferView> list() {
        return all.stream().map(Transfer::view).toList();
    }

    private static boolean sameFetch(Transfer t, Link link, Path outDir) {
        return t.link().equals(link) && t.outDir().equals(outDir);
    }

    /** A fetch of the last run, paused if it left something to resume. */
    private static Optional<Transfer> pausedBefore(UnfinishedFetches.Entry e) {
        try {
            Link link = Link.parse(e.link());
            Path outDir = Path.of(e.outDir());
            boolean kept = Files.exists(PartRoot.of(outDir, link.name())) || ResumeState.pieceCount(outDir, link.contentId()) >= 0;
            return kept ? Optional.of(Transfer.stoppedWithTheNode(e.source(), link, outDir,
                    Instant.ofEpochSecond(e.startedEpochSecond()))) : Optional.empty();
        } catch (RuntimeException ex) { // a malformed link or path: nothing to list
            return Optional.empty();
        }
    }

    private void save() {
        synchronized (saved) { // the snapshot and the write together: the last save writes the latest list
            saved.save(all.stream().filter(t -> t.state() != Transfer.State.FINISHED)
                    .map(t -> new UnfinishedFetches.Entry(t.source(), t.link().toString(), t.outDir().toString(),
                            t.started().getEpochSecond()))
                    .toList());
        }
    }

    /** Forgets the oldest ended fetches past {@link #KEPT_ENDED}. */
    private void trim() {
        List<Transfer> ended = all.stream().filter(t -> t.state() != Transfer.State.ACTIVE).toList();
        if (ended.size() > KEPT_ENDED) {
            all.removeAll(ended.subList(0, ended.size() - KEPT_ENDED));
        }
    }
}
