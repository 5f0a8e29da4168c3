package io.chordia.core.net;

import io.chordia.core.util.Checks;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where peers say they see this node (the {@code observedAddress} of their pongs, as BEP 42's
 * {@code ip} field and libp2p's identify report it), counted so that no single peer decides. An
 * address is agreed on once {@code threshold} reporters on distinct IPs (IPv6: distinct /64s, which
 * one host can fill) name it, and more of them name it than any other address.
 *
 * <p>Each reporter counts once, with its latest report. At most {@code maxReporters} are
 * remembered; the one heard from least recently is forgotten first, so a node that moves (a NAT
 * rebinding) is believed once enough peers have seen it anew. A report that cannot be right for
 * a peer elsewhere is not counted: an unspecified or wildcard address, a host name, a loopback
 * address from a reporter that is not on this machine, a link-local one from off the link.
 *
 * <p>Why a threshold and not the majority of whoever answered: one hostile peer could otherwise
 * move us anywhere as soon as it is the only peer we know (a new node's first contact).
 *
 * <p>Not thread-safe: the node thread only.
 */
public final class ExternalAddressVotes {
    /** Distinct reporter IPs that must agree before a running node changes the address it gives peers. */
    public static final int DEFAULT_THRESHOLD = 3;
    /** Reporters remembered at most. */
    public static final int DEFAULT_MAX_REPORTERS = 64;

    private final int threshold;
    private final int maxReporters;
    /** Latest report per reporter key, least recently heard first. */
    private final LinkedHashMap<String, Address> reports = new LinkedHashMap<>();

    public ExternalAddressVotes(int threshold, int maxReporters) {
        Checks.inRange(threshold, 1, 1024, "threshold");
        Checks.inRange(maxReporters, threshold, 1 << 16, "maxReporters");
        this.threshold = threshold;
        this.maxReporters = maxReporters;
    }

    /** {@link #DEFAULT_THRESHOLD} distinct reporters, {@link #DEFAULT_MAX_REPORTERS} remembered. */
    public static ExternalAddressVotes defaults() {
        return new ExternalAddressVotes(DEFAULT_THRESHOLD, DEFAULT_MAX_REPORTERS);
    }

    public int threshold() {
        return threshold;
    }

    /**
     * Counts that {@code reporter} (the source of its datagram) sees us at {@code observed},
     * replacing its earlier report. Returns false, counting nothing, when the report cannot be right.
     */
    public boolean add(Address reporter, Address observed) {
        Checks.notNull(reporter, "reporter");
        Checks.notNull(observed, "observed");
        if (!plausible(reporter, observed)) {
            return false;
        }
        String key = HostKey.of(reporter);
        reports.remove(key); // re-inserted last: the map stays ordered by when each reporter was last heard
        reports.put(key, observed);
        if (reports.size() > maxReporters) {
            Iterator<String> eldest = reports.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    /** Whether a report of {@code observed} by {@code reporter} could be right, and so would count. */
    public static boolean plausible(Address reporter, Address observed) {
        HostKind kind = HostKind.of(observed);
        return kind != HostKind.NAME && HostKind.reachableFrom(observed, reporter);
    }

    /**
     * The address at least {@link #threshold()} distinct reporters name and more name than any
     * other, or {@code null} when there is none.
     */
    public Address agreed() {
        Map<Address, Integer> counts = new LinkedHashMap<>();
        for (Address a : reports.values()) {
            counts.merge(a, 1, Integer::sum);
        }
        Address best = null;
        int bestCount = 0;
        int runnerUp = 0;
        for (Map.Entry<Address, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                runnerUp = bestCount;
                best = e.getKey();
                bestCount = e.getValue();
            } else {
                runnerUp = Math.max(runnerUp, e.getValue());
            }
        }
        return bestCount >= threshold && bestCount > runnerUp ? best : null;
    }

    /** Reporters whose latest report names {@code address}. */
    public int votesFor(Address address) {
        int n = 0;
        for (Address a : reports.values()) {
            n += a.equals(address) ? 1 : 0;
        }
        return n;
    }

    /** Reporters remembered. */
    public int reporters() {
        return reports.size();
    }
}
