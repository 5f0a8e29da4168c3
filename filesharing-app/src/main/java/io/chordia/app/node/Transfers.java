package io.chordia.app.node;

import io.chordia.app.share.FetchHandle;
import io.chordia.app.share.Link;
import io.chordia.app.share.ProgressListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon's fetches, running and ended: at most one running per content and output directory
 * (a second {@code chordia fetch} of it follows the first rather than write the same .part
 * twice), and the last {@link #KEPT_ENDED} ended ones for {@code chordia transfers}. Thread-safe.
 */
final class Transfers {
    static final int KEPT_ENDED = 50;

    private final List<Transfer> all = new ArrayList<>();

    /**
     * The running fetch of {@code link} into {@code outDir}, or a new one started with
     * {@code starter}; {@code detached} says whether it outlives its client.
     */
    synchronized Transfer start(Link link, Path outDir, boolean detached, Function<ProgressListener, FetchHandle> starter) {
        for (Transfer t : all) {
            if (t.state() == Transfer.State.ACTIVE && t.link().equals(link) && t.outDir().equals(outDir)) {
                t.detached(detached);
                return t;
            }
        }
        Transfer t = new Transfer(link, outDir, detached, Instant.now());
        t.attach(starter.apply(t::onProgress));
        all.add(t);
        trim();
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

    private void trim() {
        long ended = all.stream().filter(t -> t.state() != Transfer.State.ACTIVE).count();
        for (var it = all.iterator(); it.hasNext() && ended > KEPT_ENDED; ) {
            if (it.next().state() != Transfer.State.ACTIVE) {
                it.remove();
                ended--;
            }
        }
    }
}
