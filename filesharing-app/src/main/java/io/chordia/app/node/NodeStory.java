package io.chordia.app.node;

import io.chordia.routing.replication.StorageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node's story at info, told from what it can observe every few seconds, so an operator
 * reading {@code logs/chordia.log} sees what happened without per-message noise: its leaf set
 * when it changes (at most once a minute, with who came and went) and, once a minute when
 * anything happened, what storage did. Joins, leaves, shares and fetches are logged where they
 * happen.
 *
 * <p>Threading: {@link #observe} runs on the daemon's housekeeping thread only.
 */
final class NodeStory {
    static final long SUMMARY_EVERY_NANOS = 60_000_000_000L;

    /** Storage counters since start, as the story compares them. */
    record StorageCounts(long taken, long refused, long repairs, long handOffs, long putsOk, long putsFailed,
                         long getsFound, long getsNotFound, long getsFailed) {
        static StorageCounts of(StorageStats s) {
            return new StorageCounts(s.stored(), s.refusedTokens() + s.refusedRules() + s.refusedQuota(),
                    s.repairStores(), s.handedOff(), s.putsOk(), s.putsFailed(), s.getsFound(), s.getsNotFound(),
                    s.getsFailed());
        }

        StorageCounts minus(StorageCounts o) {
            return new StorageCounts(taken - o.taken, refused - o.refused, repairs - o.repairs, handOffs - o.handOffs,
                    putsOk - o.putsOk, putsFailed - o.putsFailed, getsFound - o.getsFound, getsNotFound - o.getsNotFound,
                    getsFailed - o.getsFailed);
        }

        boolean isZero() {
            return equals(new StorageCounts(0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
    }

    /** The leaf set now, or null when it could not be read this time. */
    private final Supplier<List<String>> leafSet;
    private final Supplier<StorageCounts> storage;
    private final Consumer<String> tell;
    private List<String> toldLeafSet;
    private long leafSetToldAt;
    private StorageCounts toldCounts;
    private long countsToldAt;

    NodeStory(Supplier<List<String>> leafSet, Supplier<StorageCounts> storage, Consumer<String> tell) {
        this.leafSet = leafSet;
        this.storage = storage;
        this.tell = tell;
    }

    /** Tells what changed since the last line of each kind, if that line is old enough. */
    void observe(long nowNanos) {
        List<String> now = leafSet.get();
        if (now != null) {
            tellLeafSet(List.copyOf(now), nowNanos);
        }
        tellStorage(nowNanos);
    }

    private void tellLeafSet(List<String> now, long nowNanos) {
        if (toldLeafSet == null) {
            tell.accept("leaf set: " + describe(now));
        } else if (!now.equals(toldLeafSet) && nowNanos - leafSetToldAt >= SUMMARY_EVERY_NANOS) {
            tell.accept("leaf set now " + describe(now) + " (joined: " + difference(now, toldLeafSet) + "; gone: "
                    + difference(toldLeafSet, now) + ")");
        } else {
            return;
        }
        toldLeafSet = now;
        leafSetToldAt = nowNanos;
    }

    private void tellStorage(long nowNanos) {
        StorageCounts counts = storage.get();
        if (toldCounts == null) {
            toldCounts = counts;
            countsToldAt = nowNanos;
        } else if (nowNanos - countsToldAt >= SUMMARY_EVERY_NANOS) {
            StorageCounts d = counts.minus(toldCounts);
            if (!d.isZero()) {
                tell.accept(String.format(java.util.Locale.ROOT, "in the last %d s: %s taken, %d refused; %s, %s; "
                                + "puts %d ok, %d failed; gets %d found, %d not found, %d failed",
                        (nowNanos - countsToldAt) / 1_000_000_000L, count(d.taken(), "store"), d.refused(),
                        count(d.repairs(), "repair"), count(d.handOffs(), "hand-off"), d.putsOk(), d.putsFailed(),
                        d.getsFound(), d.getsNotFound(), d.getsFailed()));
            }
            toldCounts = counts;
            countsToldAt = nowNanos;
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String describe(List<String> nodes) {
        return nodes.isEmpty() ? "empty (alone)" : count(nodes.size(), "node") + " " + String.join(" ", nodes);
    }

    private static List<String> difference(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }
}
