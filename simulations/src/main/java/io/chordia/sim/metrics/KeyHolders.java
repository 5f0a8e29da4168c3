package io.chordia.sim.metrics;

import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.RecordRules;
import io.chordia.core.store.StoredRecord;
import io.chordia.routing.replication.GetResult;
import io.chordia.sim.world.Peer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Which live nodes hold a record at the end of a run, read straight from their stores: tells a key
 * whose data is gone (no live node holds it) from one whose read-back failed while a replica held
 * it. Control thread, single-threaded substrates only.
 */
public final class KeyHolders {
    private KeyHolders() {}

    /** How many of {@code live} hold {@code wanted} or a newer record of its key, unexpired. */
    public static int count(List<Peer> live, DhtRecord wanted) {
        int holders = 0;
        for (Peer p : live) {
            if (holds(p, wanted)) {
                holders++;
            }
        }
        return holders;
    }

    /** Whether {@code peer} holds {@code wanted} or a newer record of its key, unexpired. */
    public static boolean holds(Peer peer, DhtRecord wanted) {
        if (peer.storage() == null) {
            return false;
        }
        StoredRecord held = peer.storage().store().get(wanted.key());
        return held != null && !held.isExpired(peer.host().scheduler().clock().nanoTime())
                && (held.record().sameContent(wanted) || RecordRules.newer(held.record(), wanted));
    }

    /**
     * Whether {@code read} returned {@code wanted} or a newer record of its key. The TTL a replica
     * reports has run down since the write: content and order are compared, not the TTL.
     */
    public static boolean returned(CompletableFuture<GetResult> read, DhtRecord wanted) {
        if (!read.isDone() || read.isCompletedExceptionally() || read.join().status() != GetResult.Status.FOUND) {
            return false;
        }
        DhtRecord found = read.join().record();
        return found.sameContent(wanted) || RecordRules.newer(found, wanted);
    }
}
