package io.chordia.app.share.swarm;

import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Scheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Whom a peer uploads to: BitTorrent's choke algorithm over the connections that want its pieces.
 * Every {@link ChokePolicy#rechokeInterval} it unchokes {@link ChokePolicy#regularSlots} interested
 * peers, and every {@link ChokePolicy#optimisticRounds} rounds one more, chosen at random among the
 * rest, so a newcomer with nothing to give can start and a better partner can be found.
 * <ul>
 * <li>While downloading (tit-for-tat): the regular slots go to the peers that gave us the most
 * bytes during the last round, so upload is traded for download and free riders get only the
 * optimistic slot.</li>
 * <li>While seeding: nothing comes back to rank by, and ranking by our upload rate to them (the
 * old mainline rule) lets the fastest downloaders keep a seed to themselves. The slots rotate
 * instead, as mainline 4.x's seed state: the {@code regularSlots - 1} most recently unchoked keep
 * their slot and the peer that waited longest takes the last, so each interested peer is served
 * for about {@code regularSlots} rounds in turn and the seed's upload spreads over the swarm.</li>
 * </ul>
 * A peer that becomes interested while a slot is free is unchoked at once rather than at the next
 * round. Timers come from the node's {@link Scheduler}, ties are broken by arrival order, the
 * optimistic pick by the given generator: the same seed gives the same choices. Confined to the
 * node thread.
 */
public final class Choker {
    /** One connection we may upload to. */
    public interface Uploadee {
        /** The peer's host: its download links to us and ours to it come from different ports. */
        String host();

        boolean interested();

        /** Bytes we have sent it so far. */
        long uploadedBytes();

        void choke();

        void unchoke();
    }

    private static final class Entry {
        final Uploadee peer;
        final long since;
        boolean unchoked;
        long unchokedAt = Long.MIN_VALUE;
        long downloadedMark;
        long rate;

        Entry(Uploadee peer, long since) {
            this.peer = peer;
            this.since = since;
        }
    }

    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final ChokePolicy policy;
    private final ToLongFunction<String> downloadedFrom;
    private final BooleanSupplier seeding;
    private final Map<Uploadee, Entry> entries = new LinkedHashMap<>();
    private Entry optimistic;
    private long rounds;
    private long arrivals;
    private Cancellable timer = Cancellable.NONE;

    /**
     * @param downloadedFrom bytes received so far from a host (our download links to it)
     * @param seeding        whether we have every piece (then slots rotate instead of trading)
     */
    public Choker(Scheduler scheduler, RandomGenerator random, ChokePolicy policy, ToLongFunction<String> downloadedFrom,
                  BooleanSupplier seeding) {
        this.scheduler = scheduler;
        this.random = random;
        this.policy = policy;
        this.downloadedFrom = downloadedFrom;
        this.seeding = seeding;
    }

    public void start() {
        timer = scheduler.scheduleAtFixedRate(policy.rechokeInterval(), policy.rechokeInterval(), this::rechoke);
    }

    public void stop() {
        timer.cancel();
    }

    /** A new connection starts choked, as in BitTorrent. */
    public void added(Uploadee peer) {
        Entry e = new Entry(peer, arrivals++);
        e.downloadedMark = downloadedFrom.applyAsLong(peer.host());
        entries.put(peer, e);
        peer.choke();
        if (peer.interested()) {
            interestChanged(peer);
        }
    }

    public void removed(Uploadee peer) {
        Entry e = entries.remove(peer);
        if (e == optimistic) {
            optimistic = null;
        }
    }

    /** The peer said it is (or is no longer) interested: a free slot is given at once. */
    public void interestChanged(Uploadee peer) {
        Entry e = entries.get(peer);
        if (e == null || e.unchoked || !peer.interested()) {
            return;
        }
        if (unchokedInterested() < policy.regularSlots() + 1) {
            unchoke(e);
        }
    }

    /** Peers unchoked now, for tests and reports. */
    public List<String> unchokedHosts() {
        List<String> hosts = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.unchoked) {
                hosts.add(e.peer.host());
            }
        }
        return hosts;
    }

    /** The peer holding the optimistic slot, or null. */
    public String optimisticHost() {
        return optimistic == null ? null : optimistic.peer.host();
    }

    /** One choke round; runs on the timer, public so tests can step it. */
    public void rechoke() {
        List<Entry> interested = new ArrayList<>();
        for (Entry e : entries.values()) {
            long now = downloadedFrom.applyAsLong(e.peer.host());
            e.rate = now - e.downloadedMark;
            e.downloadedMark = now;
            if (e.peer.interested()) {
                interested.add(e);
            }
        }
        List<Entry> regular = seeding.getAsBoolean() ? inTurn(interested) : byRate(interested);
        boolean newOptimistic = rounds++ % policy.optimisticRounds() == 0;
        if (newOptimistic || optimistic == null || !optimistic.peer.interested() || regular.contains(optimistic)) {
            List<Entry> rest = new ArrayList<>(interested);
            rest.removeAll(regular);
            if (newOptimistic || optimistic == null || !rest.contains(optimistic)) {
                optimistic = rest.isEmpty() ? null : rest.get(random.nextInt(rest.size()));
            }
        }
        for (Entry e : List.copyOf(entries.values())) {
            boolean keep = regular.contains(e) || e == optimistic;
            if (keep && !e.unchoked) {
                unchoke(e);
            } else if (!keep && e.unchoked) {
                e.unchoked = false;
                e.peer.choke();
            }
        }
    }

    private List<Entry> byRate(List<Entry> interested) {
        List<Entry> sorted = new ArrayList<>(interested);
        sorted.sort(Comparator.<Entry>comparingLong(e -> -e.rate).thenComparingLong(e -> e.since));
        return sorted.subList(0, Math.min(policy.regularSlots(), sorted.size()));
    }

    private List<Entry> inTurn(List<Entry> interested) {
        List<Entry> recent = new ArrayList<>();
        List<Entry> waiting = new ArrayList<>();
        for (Entry e : interested) {
            (e.unchoked && e != optimistic ? recent : waiting).add(e);
        }
        recent.sort(Comparator.<Entry>comparingLong(e -> -e.unchokedAt).thenComparingLong(e -> e.since));
        waiting.sort(Comparator.<Entry>comparingLong(e -> e.unchokedAt).thenComparingLong(e -> e.since));
        List<Entry> chosen = new ArrayList<>(recent.subList(0, Math.min(policy.regularSlots() - 1, recent.size())));
        for (Entry e : waiting) {
            if (chosen.size() >= policy.regularSlots()) {
                break;
            }
            chosen.add(e);
        }
        for (Entry e : recent) {
            if (chosen.size() >= policy.regularSlots()) {
                break;
            }
            if (!chosen.contains(e)) {
                chosen.add(e);
            }
        }
        return chosen;
    }

    private int unchokedInterested() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.unchoked && e.peer.interested()) {
                n++;
            }
        }
        return n;
    }

    private void unchoke(Entry e) {
        e.unchoked = true;
        e.unchokedAt = scheduler.clock().nanoTime();
        e.peer.unchoke();
    }
}
