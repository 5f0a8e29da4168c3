package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.util.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers announced to us per infohash (BEP 5's announce_peer), bounded because anyone may
 * announce: at most {@code maxPeersPerSwarm} per infohash and {@code maxSwarms} infohashes, the
 * oldest announcement making room for a new one, and each entry forgotten {@code ttl} after its
 * last announce (BEP 5's peers re-announce every 30 minutes or so). Times are the caller's
 * monotonic nanos, so it runs the same in simulation. Node thread only.
 */
public final class SwarmStore {
    /** BEP 5 implies 30 minutes: clients re-announce about that often. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);

    private final int maxSwarms;
    private final int maxPeersPerSwarm;
    private final long ttlNanos;
    /** Insertion order is announce order (an announce re-inserts), so the first entry is the stalest. */
    private final LinkedHashMap<NodeId, LinkedHashMap<Address, Long>> swarms = new LinkedHashMap<>();
    private long evicted;

    public SwarmStore(int maxSwarms, int maxPeersPerSwarm, Duration ttl) {
        this.maxSwarms = Checks.inRange(maxSwarms, 1, 1 << 20, "maxSwarms");
        this.maxPeersPerSwarm = Checks.inRange(maxPeersPerSwarm, 1, 1 << 16, "maxPeersPerSwarm");
        Checks.positive(ttl, "ttl");
        this.ttlNanos = ttl.toNanos();
    }

    /** Records that {@code peer} is in {@code infoHash}'s swarm as of {@code nowNanos}. */
    public void announce(NodeId infoHash, Address peer, long nowNanos) {
        LinkedHashMap<Address, Long> swarm = swarms.remove(infoHash);
        if (swarm == null) {
            swarm = new LinkedHashMap<>();
            if (swarms.size() >= maxSwarms) {
                evictStalestSwarm();
            }
        }
        swarms.put(infoHash, swarm);
        swarm.remove(peer);
        if (swarm.size() >= maxPeersPerSwarm) {
            Iterator<Address> oldest = swarm.keySet().iterator();
            oldest.next();
            oldest.remove();
            evicted++;
        }
        swarm.put(peer, nowNanos);
    }

    /** Up to {@code max} unexpired peers of {@code infoHash}, most recent announce first; expired ones are dropped here. */
    public List<Address> peers(NodeId infoHash, int max, long nowNanos) {
        LinkedHashMap<Address, Long> swarm = swarms.get(infoHash);
        if (swarm == null) {
            return List.of();
        }
        swarm.values().removeIf(announced -> expired(announced, nowNanos));
        if (swarm.isEmpty()) {
            swarms.remove(infoHash);
            return List.of();
        }
        List<Address> all = new ArrayList<>(swarm.keySet());
        List<Address> out = new ArrayList<>(Math.min(max, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Drops every expired entry and empty swarm; run periodically so unread swarms do not linger. */
    public void expire(long nowNanos) {
        Iterator<Map.Entry<NodeId, LinkedHashMap<Address, Long>>> it = swarms.entrySet().iterator();
        while (it.hasNext()) {
            LinkedHashMap<Address, Long> swarm = it.next().getValue();
            swarm.values().removeIf(announced -> expired(announced, nowNanos));
            if (swarm.isEmpty()) {
                it.remove();
            }
        }
    }

    public int swarmCount() {
        return swarms.size();
    }

    public int peerCount() {
        return swarms.values().stream().mapToInt(Map::size).sum();
    }

    /** Announcements pushed out by the caps (not by expiry). */
    public long evicted() {
        return evicted;
    }

    private void evictStalestSwarm() {
        Iterator<LinkedHashMap<Address, Long>> stalest = swarms.values().iterator();
        evicted += stalest.next().size();
        stalest.remove();
    }

    private boolean expired(long announcedNanos, long nowNanos) {
        return nowNanos - announcedNanos >= ttlNanos;
    }
}
