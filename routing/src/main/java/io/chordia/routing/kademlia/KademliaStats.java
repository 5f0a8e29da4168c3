package io.chordia.routing.kademlia;

import io.chordia.routing.lookup.SlowQueries;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one Kademlia node; written on the node thread, readable from any thread. */
public final class KademliaStats {
    final LongAdder lookups = new LongAdder();
    final LongAdder lookupsFailed = new LongAdder();
    final LongAdder verificationPings = new LongAdder();
    final LongAdder verificationFailures = new LongAdder();
    final LongAdder contactsAdded = new LongAdder();
    final LongAdder contactsCached = new LongAdder();
    final LongAdder subnetRejections = new LongAdder();
    final LongAdder leastRecentPings = new LongAdder();
    final LongAdder leastRecentEvicted = new LongAdder();
    final LongAdder staleMarked = new LongAdder();
    final LongAdder staleReplaced = new LongAdder();
    final LongAdder replacementsPromoted = new LongAdder();
    final LongAdder mismatchesEvicted = new LongAdder();
    final LongAdder bucketRefreshes = new LongAdder();
    final LongAdder selfLookups = new LongAdder();
    final LongAdder joinRetries = new LongAdder();
    final LongAdder forwards = new LongAdder();
    final LongAdder recursiveAnswers = new LongAdder();
    final LongAdder recursiveRetries = new LongAdder();
    final LongAdder recursiveTimeouts = new LongAdder();
    final LongAdder unmatchedRecursiveAnswers = new LongAdder();
    final LongAdder recursiveRefusals = new LongAdder();
    final LongAdder recursiveFallbacks = new LongAdder();
    final LongAdder suspectProbes = new LongAdder();
    final LongAdder suspectsRevived = new LongAdder();
    final SlowQueries slowQueries = new SlowQueries();

    /** Lookup requests that outlived their target's round-trip timeout, so the lookup moved on. */
    public long slowQueries() {
        return slowQueries.slowCount();
    }

    /** Slow lookup requests answered after all, before the call's own timeout; their contacts still counted. */
    public long lateAnswers() {
        return slowQueries.lateAnswerCount();
    }

    /** Pings of contacts that had stopped answering (the way back after a partition). */
    public long suspectProbes() {
        return suspectProbes.sum();
    }

    /** Suspects that answered a probe and were taken back. */
    public long suspectsRevived() {
        return suspectsRevived.sum();
    }

    /** Lookups this node started (maintenance lookups included). */
    public long lookups() {
        return lookups.sum();
    }

    /** Lookups that ended without an answer (FAILED or TIMEOUT). */
    public long lookupsFailed() {
        return lookupsFailed.sum();
    }

    /** Pings sent to verify senders we learned from their requests. */
    public long verificationPings() {
        return verificationPings.sum();
    }

    public long verificationFailures() {
        return verificationFailures.sum();
    }

    /** Verified contacts that entered a bucket (new, or in place of a stale one). */
    public long contactsAdded() {
        return contactsAdded.sum();
    }

    /** Verified contacts put in a full bucket's replacement cache. */
    public long contactsCached() {
        return contactsCached.sum();
    }

    /** Verified contacts refused because their subnet had its share of the bucket. */
    public long subnetRejections() {
        return subnetRejections.sum();
    }

    /** Pings of a full bucket's least recently seen contact. */
    public long leastRecentPings() {
        return leastRecentPings.sum();
    }

    /** Least recently seen contacts evicted because they did not answer that ping. */
    public long leastRecentEvicted() {
        return leastRecentEvicted.sum();
    }

    /** Contacts that reached the stale threshold of failures in a row. */
    public long staleMarked() {
        return staleMarked.sum();
    }

    /** Stale contacts replaced from the replacement cache (or by a newcomer). */
    public long staleReplaced() {
        return staleReplaced.sum();
    }

    /** Replacement-cache contacts moved into a bucket. */
    public long replacementsPromoted() {
        return replacementsPromoted.sum();
    }

    /** Contacts evicted because their address answered as another id (or not as Kademlia). */
    public long mismatchesEvicted() {
        return mismatchesEvicted.sum();
    }

    public long bucketRefreshes() {
        return bucketRefreshes.sum();
    }

    public long selfLookups() {
        return selfLookups.sum();
    }

    /** A join's lookups of our own id run again because the first ended with few nodes answering. */
    public long joinRetries() {
        return joinRetries.sum();
    }

    /** Recursive queries this node forwarded to a next hop. */
    public long forwards() {
        return forwards.sum();
    }

    /** Recursive lookups this node ended by answering the origin. */
    public long recursiveAnswers() {
        return recursiveAnswers.sum();
    }

    public long recursiveRetries() {
        return recursiveRetries.sum();
    }

    public long recursiveTimeouts() {
        return recursiveTimeouts.sum();
    }

    /** Recursive queries refused as first hop: their origin's address had not answered us. */
    public long recursiveRefusals() {
        return recursiveRefusals.sum();
    }

    /** Our recursive lookups that went iterative because a first hop refused them. */
    public long recursiveFallbacks() {
        return recursiveFallbacks.sum();
    }

    /** Recursive answers for lookups we no longer wait for (late, duplicated, or forged). */
    public long unmatchedRecursiveAnswers() {
        return unmatchedRecursiveAnswers.sum();
    }

    @Override
    public String toString() {
        return "lookups=" + lookups() + " failed=" + lookupsFailed() + " added=" + contactsAdded() + " cached="
                + contactsCached() + " lrsEvicted=" + leastRecentEvicted() + " staleReplaced=" + staleReplaced()
                + " promoted=" + replacementsPromoted() + " mismatches=" + mismatchesEvicted() + " forwards=" + forwards();
    }
}
