package io.chordia.sim.scenario;

import io.chordia.routing.replication.StorageStats;
import io.chordia.sim.world.Peer;
import java.util.List;

/**
 * The store quota's figures over a whole run: refusals, and the most live records one source had
 * charged on one node, of the nodes that crashed (remembered as they go, so that their storage
 * can be collected) and of those still running. Control thread.
 */
final class QuotaTally {
    private long refusalsOfCrashed;
    private long peakOfCrashed;

    /** Remembers {@code peer}'s figures before it crashes. */
    void crashing(Peer peer) {
        if (peer.storage() != null) {
            StorageStats s = peer.storage().stats();
            refusalsOfCrashed += s.refusedQuota();
            peakOfCrashed = Math.max(peakOfCrashed, s.mostChargedToOneSource());
        }
    }

    long refusals(List<Peer> live) {
        long sum = refusalsOfCrashed;
        for (Peer p : live) {
            sum += p.storage() == null ? 0 : p.storage().stats().refusedQuota();
        }
        return sum;
    }

    long peak(List<Peer> live) {
        long peak = peakOfCrashed;
        for (Peer p : live) {
            peak = Math.max(peak, p.storage() == null ? 0 : p.storage().stats().mostChargedToOneSource());
        }
        return peak;
    }

    /** The most records one running node holds. */
    static long mostRecordsOnANode(List<Peer> live) {
        long most = 0;
        for (Peer p : live) {
            most = Math.max(most, p.storage() == null ? 0 : p.storage().store().size());
        }
        return most;
    }
}
