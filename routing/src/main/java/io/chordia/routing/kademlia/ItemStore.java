package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.PutItem;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The BEP 44 items put to us, bounded because anyone holding a token may put: at most {@code maxItems}
 * items and {@code maxBytes} of them, and at most {@code maxItemsPerHost} put from one IP, so one host
 * cannot fill the store. A put that would cross a bound is refused and counted, not let in by evicting
 * another: a flood would otherwise flush every honest item (the writer's other seven nodes still take
 * it). Each item is forgotten {@code ttl} after its last put (BEP 44: two hours unless re-put).
 * Mutable items follow BEP 44's order: a lower {@code seq} is stale, a {@code cas} that is not the
 * stored {@code seq} fails, an equal {@code seq} refreshes. Times are the caller's monotonic nanos.
 * Node thread only.
 */
public final class ItemStore {
    /** BEP 44: "items expire after 2 hours unless re-put". */
    public static final Duration DEFAULT_TTL = Duration.ofHours(2);
    /** What an entry costs beyond its byte strings (map entry, record, headers), counted against {@code maxBytes}. */
    static final int ENTRY_OVERHEAD_BYTES = 160;

    /** The outcome of a put; every one but {@link #STORED} is a refusal the writer is told of. */
    public enum PutOutcome { STORED, BAD_SIGNATURE, CAS_MISMATCH, STALE_SEQ, FULL, HOST_QUOTA }

    /** One stored item as {@code get} answers it. */
    public record StoredItem(Bytes value, Bytes publicKey, Bytes salt, long seq, Bytes signature) {
        public boolean isMutable() {
            return publicKey.length() > 0;
        }

        int cost() {
            return ENTRY_OVERHEAD_BYTES + value.length() + publicKey.length() + salt.length() + signature.length();
        }
    }

    private record Entry(StoredItem item, String host, long putNanos) {}

    private final int maxItems;
    private final long maxBytes;
    private final int maxItemsPerHost;
    private final long ttlNanos;
    /** Insertion order is put order (a re-put re-inserts), so the first entry is the stalest. */
    private final LinkedHashMap<NodeId, Entry> items = new LinkedHashMap<>();
    private final Map<String, Integer> perHost = new HashMap<>();
    private long bytes;
    private long refusedFull;
    private long refusedHostQuota;

    public ItemStore(int maxItems, long maxBytes, int maxItemsPerHost, Duration ttl) {
        this.maxItems = Checks.inRange(maxItems, 1, 1 << 20, "maxItems");
        Checks.check(maxBytes >= ENTRY_OVERHEAD_BYTES && maxBytes <= 1L << 32, "maxBytes out of range: %s", maxBytes);
        this.maxBytes = maxBytes;
        this.maxItemsPerHost = Checks.inRange(maxItemsPerHost, 1, maxItems, "maxItemsPerHost");
        Checks.positive(ttl, "ttl");
        this.ttlNanos = ttl.toNanos();
    }

    /** Stores {@code put} from {@code host} at its target unless a BEP 44 rule or a bound refuses it. */
    public PutOutcome put(PutItem put, String host, long nowNanos) {
        if (!put.signatureVerifies()) {
            return PutOutcome.BAD_SIGNATURE;
        }
        NodeId target = put.target();
        Entry old = live(target, nowNanos);
        if (old != null && put.isMutable()) {
            if (put.cas() >= 0 && put.cas() != old.item.seq()) {
                return PutOutcome.CAS_MISMATCH;
            }
            if (put.seq() < old.item.seq()) {
                return PutOutcome.STALE_SEQ;
            }
        }
        StoredItem item = new StoredItem(put.value(), put.publicKey(), put.salt(), put.seq(), put.signature());
        long freed = old == null ? 0 : old.item.cost();
        if (old == null && items.size() >= maxItems || bytes - freed + item.cost() > maxBytes) {
            refusedFull++;
            return PutOutcome.FULL;
        }
        boolean sameHost = old != null && old.host.equals(host);
        if (!sameHost && perHost.getOrDefault(host, 0) >= maxItemsPerHost) {
            refusedHostQuota++;
            return PutOutcome.HOST_QUOTA;
        }
        if (old != null) {
            remove(target);
        }
        items.put(target, new Entry(item, host, nowNanos));
        perHost.merge(host, 1, Integer::sum);
        bytes += item.cost();
        return PutOutcome.STORED;
    }

    /** The unexpired item at {@code target}, or null; an expired one is dropped here. */
    public StoredItem get(NodeId target, long nowNanos) {
        Entry e = live(target, nowNanos);
        return e == null ? null : e.item;
    }

    /** Drops every expired item; run periodically so unread items do not linger. */
    public void expire(long nowNanos) {
        Iterator<Entry> it = items.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (!expired(e, nowNanos)) {
                break; // put order: every later entry is younger
            }
            it.remove();
            forget(e);
        }
    }

    public int itemCount() {
        return items.size();
    }

    /** The bytes counted against {@code maxBytes}: every item's strings plus a fixed overhead each. */
    public long bytes() {
        return bytes;
    }

    /** Hosts with at least one item here; never more than the items. */
    public int hostCount() {
        return perHost.size();
    }

    /** Puts refused because the store was full (items or bytes). */
    public long refusedFull() {
        return refusedFull;
    }

    /** Puts refused because their host already had its share of the store. */
    public long refusedHostQuota() {
        return refusedHostQuota;
    }

    private Entry live(NodeId target, long nowNanos) {
        Entry e = items.get(target);
        if (e != null && expired(e, nowNanos)) {
            remove(target);
            return null;
        }
        return e;
    }

    private void remove(NodeId target) {
        Entry e = items.remove(target);
        if (e != null) {
            forget(e);
        }
    }

    private void forget(Entry e) {
        bytes -= e.item.cost();
        perHost.computeIfPresent(e.host, (h, n) -> n == 1 ? null : n - 1);
    }

    private boolean expired(Entry e, long nowNanos) {
        return nowNanos - e.putNanos >= ttlNanos;
    }
}
