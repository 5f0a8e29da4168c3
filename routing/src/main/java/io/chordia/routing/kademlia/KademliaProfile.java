package io.chordia.routing.kademlia;

import java.time.Duration;
import java.util.Set;

/**
 * Named sets of {@link KademliaConfig} options: the protocol as the paper published it, beside
 * ours, so an experiment runs the paper's protocol on our node code rather than on a fork of it
 * (as {@link io.chordia.routing.chord.ChordProfile} does for Chord).
 */
public enum KademliaProfile {
    /** Ours: the defaults, with every {@link KademliaExtra} but the opt-in {@link KademliaExtra#WIDE_CONFIRMATION}. */
    IMPROVED {
        @Override
        public KademliaConfig applyTo(KademliaConfig base) {
            return base;
        }
    },
    /**
     * Maymounkov and Mazières, "Kademlia: A Peer-to-peer Information System Based on the XOR
     * Metric", IPTPS 2002, §2: k = 20 ("for example k = 20"), α = 3 ("a system-wide concurrency
     * parameter, such as 3"), one bucket per bit (b = 1: the basic protocol of §2; §4's
     * implementation "currently uses b = 5"), one lookup path. A full bucket pings its
     * least-recently seen node for every newcomer: "If the least-recently seen node fails to
     * respond, it is evicted from the k-bucket and the new sender inserted at the tail. Otherwise
     * ... the new sender's contact is discarded" (a replacement cache of one holds the newcomer
     * while the ping is out; freshness 0: always ping). Contacts leave only that way: a failed
     * lookup request removes a node "from consideration until and unless [it does] respond", not
     * from its bucket. A bucket "in whose range it has not performed a node lookup within an hour"
     * is refreshed, checked every minute. No subnet limit, no leaf set, no verification ping of new
     * senders, no suspect probes, no patience for slow nodes, no referrer distrust (none of
     * {@link KademliaExtra}). Not modelled: a round that "fails to return a node any closer" does
     * not widen the lookup to all k closest (the profile keeps α requests in flight throughout).
     */
    IPTPS02 {
        @Override
        public KademliaConfig applyTo(KademliaConfig base) {
            return base.toBuilder().k(20).alpha(3).bitsPerHop(1).disjointPaths(1).replacementCacheSize(1)
                    .maxPerSubnet(KademliaConfig.MAX_K).staleAfterFailures(NEVER_STALE).contactFreshness(Duration.ZERO)
                    .bucketRefreshInterval(Duration.ofHours(1)).leafSetShortcut(false).extras(Set.of()).build();
        }
    };

    /** The most failures the config takes: in a run, a contact never turns stale by failed requests. */
    private static final int NEVER_STALE = 100;

    /** {@code base} with this profile's options set. */
    public abstract KademliaConfig applyTo(KademliaConfig base);

    /** The defaults with this profile's options set. */
    public KademliaConfig config() {
        return applyTo(KademliaConfig.defaults());
    }

    /** Whether this is a paper's protocol ("faithful" in the reports) rather than ours ("improved"). */
    public boolean faithful() {
        return this != IMPROVED;
    }
}
