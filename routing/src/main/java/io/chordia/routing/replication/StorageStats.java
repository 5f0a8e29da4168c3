package io.chordia.routing.replication;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one node's data plane; readable from any thread. */
public final class StorageStats {
    final LongAdder putsOk = new LongAdder();
    final LongAdder putsFailed = new LongAdder();
    final LongAdder getsFound = new LongAdder();
    final LongAdder getsNotFound = new LongAdder();
    final LongAdder getsFailed = new LongAdder();
    final LongAdder readRepairs = new LongAdder();
    final LongAdder notFoundRechecks = new LongAdder();
    final LongAdder stored = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder handedOff = new LongAdder();
    final LongAdder repairStores = new LongAdder();
    final LongAdder republishLookups = new LongAdder();
    final LongAdder auditLookups = new LongAdder();
    final LongAdder rangeCompares = new LongAdder();
    final LongAdder reactiveRounds = new LongAdder();
    final LongAdder recordChecks = new LongAdder();
    final LongAdder refusedTokens = new LongAdder();
    final LongAdder refusedRules = new LongAdder();
    final LongAdder refusedQuota = new LongAdder();
    final LongAccumulator mostChargedToOneSource = new LongAccumulator(Math::max, 0);

    public long putsOk() { return putsOk.sum(); }
    public long putsFailed() { return putsFailed.sum(); }
    public long getsFound() { return getsFound.sum(); }
    public long getsNotFound() { return getsNotFound.sum(); }
    public long getsFailed() { return getsFailed.sum(); }
    public long readRepairs() { return readRepairs.sum(); }
    /** Gets whose "not found" a second lookup sent to replicas the first did not ask. */
    public long notFoundRechecks() { return notFoundRechecks.sum(); }
    public long stored() { return stored.sum(); }
    public long expired() { return expired.sum(); }
    public long handedOff() { return handedOff.sum(); }
    /** Records stored on another replica by repair or hand-off. */
    public long repairStores() { return repairStores.sum(); }
    /** Lookups republishing made: one per key region, or one per key where the Sybil defense is on. */
    public long republishLookups() { return republishLookups.sum(); }
    /** Lookups that checked the placement of range-repaired records, one per key region. */
    public long auditLookups() { return auditLookups.sum(); }
    /** Range digests compared with a replica neighbour (one exchange each). */
    public long rangeCompares() { return rangeCompares.sum(); }
    /** Range comparisons made at once because a replica neighbour departed or fell silent. */
    public long reactiveRounds() { return reactiveRounds.sum(); }
    /** Records checked on a replica one by one (a {@code CheckRecord} each). */
    public long recordChecks() { return recordChecks.sum(); }
    public long refusedTokens() { return refusedTokens.sum(); }
    public long refusedRules() { return refusedRules.sum(); }
    public long refusedQuota() { return refusedQuota.sum(); }
    /** The most live records ever charged to one source here at once: how close honest writers came to the quota. */
    public long mostChargedToOneSource() { return mostChargedToOneSource.get(); }
}
