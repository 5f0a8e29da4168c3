package io.chordia.sim.metrics;

import io.chordia.core.id.NodeId;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.StoredRecord;
import io.chordia.sim.world.Peer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * A debugging aid for lost keys: every census reads which live nodes hold each stored key (straight
 * from their stores) and keeps, per key, the moments its holders changed, with the nodes that
 * should hold it then (the oracle's replica set). {@link #history} tells for a lost key who held it
 * when, and whether a holder that went away died or let go of it. Control thread, single-threaded
 * substrates only; costs one pass over every live store per census.
 */
public final class KeyCensus {
    private final Map<NodeId, DhtRecord> wanted;
    /** The oracle's replica set of a key among the live nodes, nearest first. */
    private final BiFunction<NodeId, Integer, List<Peer>> truth;
    private final int replicas;
    private final Map<NodeId, TreeSet<NodeId>> holders = new HashMap<>();
    private final Map<NodeId, List<String>> changes = new HashMap<>();
    /** Since when each key has had fewer than {@code replicas} holders. */
    private final Map<NodeId, Long> shortSince = new HashMap<>();
    /** How long keys stayed short of replicas, in seconds, for every time they were restored. */
    private final Samples restoreSeconds = new Samples();

    public KeyCensus(Map<NodeId, DhtRecord> wanted, int replicas, BiFunction<NodeId, Integer, List<Peer>> truth) {
        this.wanted = new LinkedHashMap<>(wanted);
        this.replicas = replicas;
        this.truth = truth;
    }

    /** Reads every live store at {@code nowNanos} and notes each key whose holders changed. */
    public void take(List<Peer> live, long nowNanos) {
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
                restoreSeconds.add(Math.round((nowNanos - shortSince.remove(key)) / 1e6));
            }
            holders.put(key, after);
        }
    }

    /** How long keys went a replica short before they had it back: count, mean and percentiles in seconds. */
    public String restored() {
        return String.format("restored %d times: mean %.1f s, p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s",
                restoreSeconds.size(), restoreSeconds.mean() / 1000, restoreSeconds.percentile(50) / 1000.0,
                restoreSeconds.percentile(90) / 1000.0, restoreSeconds.percentile(99) / 1000.0, restoreSeconds.percentile(100) / 1000.0);
    }

    /** The changes of {@code key}'s holders, one line each, oldest first. */
    public List<String> history(NodeId key) {
        return changes.getOrDefault(key, List.of());
    }
}
