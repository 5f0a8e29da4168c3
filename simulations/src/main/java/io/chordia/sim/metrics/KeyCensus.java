package io.chordia.sim.metrics;

import io.chordia.core.id.NodeId;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.StoredRecord;
import io.chordia.routing.replication.GetResult;
import io.chordia.sim.world.Peer;
import io.chordia.sim.world.Substrate;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A debugging aid for lost keys ({@code chordia sim --key-census PERIOD}): every census reads which
 * live nodes hold each stored key (straight from their stores) and keeps, per key, the moments its
 * holders changed, with the nodes that should hold it then (the oracle's replica set). At the end
 * it prints how long keys went a replica short before they had it back, and for each lost key its
 * history (whether a holder that went away died or let go of it) and how its read failed.
 * Control thread, single-threaded substrates only; costs one pass over every live store per census.
 */
public final class KeyCensus {
    /** No census: {@link #readBack} does nothing. */
    public static final KeyCensus OFF = new KeyCensus(Map.of(), 0, (key, n) -> List.of());

    private final Map<NodeId, DhtRecord> wanted;
    /** The oracle's replica set of a key among the live nodes, nearest first. */
    private final BiFunction<NodeId, Integer, List<Peer>> truth;
    private final int replicas;
    private final Map<NodeId, TreeSet<NodeId>> holders = new HashMap<>();
    private final Map<NodeId, List<String>> changes = new HashMap<>();
    /** Since when each key has had fewer than {@code replicas} holders. */
    private final Map<NodeId, Long> shortSince = new HashMap<>();
    /** How long keys stayed short of replicas, in milliseconds, for every time they were restored. */
    private final Samples restoreMillis = new Samples();
    private Supplier<List<Peer>> live = List::of;
    private Substrate substrate;

    KeyCensus(Map<NodeId, DhtRecord> wanted, int replicas, BiFunction<NodeId, Integer, List<Peer>> truth) {
        this.wanted = new LinkedHashMap<>(wanted);
        this.replicas = replicas;
        this.truth = truth;
    }

    /**
     * A census of {@code wanted} every {@code period} of scenario time from now until {@code untilNanos},
     * or {@link #OFF} when no period is given, nothing is stored, or node state cannot be read from
     * the control thread. Control thread.
     */
    public static KeyCensus every(Duration period, Substrate substrate, Supplier<List<Peer>> live,
                                  Map<NodeId, DhtRecord> wanted, int replicas,
                                  BiFunction<NodeId, Integer, List<Peer>> truth, long untilNanos) {
        if (period == null || wanted.isEmpty() || !substrate.singleThreaded()) {
            return OFF;
        }
        KeyCensus census = new KeyCensus(wanted, replicas, truth);
        census.live = live;
        census.substrate = substrate;
        census.takeEvery(substrate.nowNanos(), period.toNanos(), untilNanos);
        return census;
    }

    private void takeEvery(long at, long period, long untilNanos) {
        take(live.get(), substrate.nowNanos());
        if (at + period < untilNanos) {
            substrate.at(at + period, () -> takeEvery(at + period, period, untilNanos));
        }
    }

    /**
     * The reads of every key at the end ({@code reads.get(i)} of {@code records.get(i)} from
     * {@code readers.get(i)}) are done: prints to {@code out} how long keys went a replica short,
     * and for each read that did not return its record, how it failed and the key's history.
     */
    public void readBack(List<DhtRecord> records, List<Peer> readers, List<CompletableFuture<GetResult>> reads,
                         PrintWriter out) {
        if (this == OFF) {
            return;
        }
        take(live.get(), substrate.nowNanos());
        out.println("census: " + restored());
        for (int i = 0; i < reads.size(); i++) {
            CompletableFuture<GetResult> read = reads.get(i);
            DhtRecord want = records.get(i);
            if (KeyHolders.returned(read, want)) {
                continue;
            }
            out.println("lost key " + want.key().shortId() + " (" + want.key().toHex() + "), read from "
                    + readers.get(i).node().self() + ": " + (read.isCompletedExceptionally()
                    ? read.handle((r, e) -> String.valueOf(e)).join()
                    : read.join().status() + ", answered by " + read.join().answered()));
            history(want.key()).forEach(line -> out.println("  " + line));
        }
        out.flush();
    }

    /** Reads every live store at {@code nowNanos} and notes each key whose holders changed. */
    void take(List<Peer> live, long nowNanos) {
        Map<NodeId, TreeSet<NodeId>> now = new HashMap<>();
        Map<NodeId, Peer> byId = new HashMap<>();
        for (Peer p : live) {
            byId.put(p.node().self().id(), p);
            if (p.storage() == null) {
                continue;
            }
            for (StoredRecord held : p.storage().store().all()) {
                DhtRecord want = wanted.get(held.record().key());
                if (want != null && KeyHolders.holds(p, want)) {
                    now.computeIfAbsent(want.key(), k -> new TreeSet<>()).add(p.node().self().id());
                }
            }
        }
        for (NodeId key : wanted.keySet()) {
            TreeSet<NodeId> before = holders.getOrDefault(key, new TreeSet<>());
            TreeSet<NodeId> after = now.getOrDefault(key, new TreeSet<>());
            if (before.equals(after)) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("%9.1f s  %d held:", nowNanos / 1e9, after.size()));
            after.forEach(id -> line.append(' ').append(id.shortId()).append(before.contains(id) ? "" : "(+)"));
            for (NodeId gone : before) {
                if (!after.contains(gone)) {
                    line.append("  ").append(gone.shortId()).append(byId.containsKey(gone) ? " dropped it" : " died");
                }
            }
            line.append("  | should hold:");
            for (Peer p : truth.apply(key, replicas + 1)) {
                line.append(' ').append(p.node().self().id().shortId());
            }
            changes.computeIfAbsent(key, k -> new ArrayList<>()).add(line.toString());
            if (after.size() < replicas && after.size() > 0) {
                shortSince.putIfAbsent(key, nowNanos);
            } else if (after.size() >= replicas && shortSince.containsKey(key)) {
                restoreMillis.add(Math.round((nowNanos - shortSince.remove(key)) / 1e6));
            }
            holders.put(key, after);
        }
    }

    /** How long keys went a replica short before they had it back: count, mean and percentiles in seconds. */
    String restored() {
        return String.format("restored %d times: mean %.1f s, p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s",
                restoreMillis.size(), restoreMillis.mean() / 1000, restoreMillis.percentile(50) / 1000.0,
                restoreMillis.percentile(90) / 1000.0, restoreMillis.percentile(99) / 1000.0,
                restoreMillis.percentile(100) / 1000.0);
    }

    /** The changes of {@code key}'s holders, one line each, oldest first. */
    List<String> history(NodeId key) {
        return changes.getOrDefault(key, List.of());
    }
}
