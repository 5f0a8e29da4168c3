package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import io.chordia.routing.kademlia.KBucket.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Kademlia's routing table: k-buckets indexed by where a contact's id first differs from ours.
 * With b = 1 bits per hop, bucket i holds contacts sharing exactly i leading bits with us. With
 * b > 1 ids are read as base-2^b digits and each digit position ("level") has 2^b - 1 buckets,
 * one per digit value other than ours (the paper's accelerated lookups, section 4.2).
 *
 * <p>Only verified contacts enter (see {@link #offer}): a reply from the id and address we asked.
 * A full bucket keeps its old contacts (they have proven to stay) and caches the newcomer; the node
 * then pings the least recently seen entry, unless it was seen within {@code contactFreshness},
 * and evicts it only if it fails. Failures are counted per
 * contact; a contact with {@code staleAfterFailures} failures in a row is stale, and is replaced
 * when a replacement is cached, but kept (flagged) otherwise, as the paper advises.
 *
 * <p>Not thread-safe: a node touches its table only on its node thread.
 */
public final class RoutingTable implements BucketTable {
    /** What {@link #offer} did. */
    public enum Outcome {
        /** The contact is our own id. */
        SELF,
        /** Already present: moved to the most-recently-seen end, failures cleared. */
        UPDATED,
        /** Added to a bucket with room. */
        ADDED,
        /** Took the place of a stale contact. */
        REPLACED_STALE,
        /** The bucket is full: cached as a replacement. */
        CACHED,
        /** The bucket already holds the most contacts allowed from this contact's subnet. */
        REJECTED_SUBNET,
        /** We know this id at another address that has not failed: kept the old one for now. */
        ADDRESS_CONFLICT
    }

    /**
     * @param outcome what happened
     * @param probe   a contact the caller should ping now, or {@code null}: the least recently seen
     *                entry of a full bucket, or the old address of a conflicting id
     * @param evicted a contact removed because this address now answers with another id, or {@code null}
     */
    public record Offer(Outcome outcome, Contact probe, Contact evicted) {}

    private final NodeId self;
    private final int k;
    private final BucketLayout layout;
    private final int staleAfterFailures;
    private final int maxPerSubnet;
    private final int replacementCacheSize;
    private final long freshnessNanos;
    /** {@link KademliaExtra#PROMPT_REPLACEMENT}: one failed request gives a contact's slot to a cached replacement. */
    private final boolean promptReplacement;
    private final KBucket[] buckets;
    private final long[] lastLookupNanos;
    /** Lookup only, never iterated: iteration order must not depend on hash codes. */
    private final Map<NodeId, Entry> byId = new HashMap<>();
    private final Map<Address, Entry> byAddress = new HashMap<>();
    private final NearestSelection selection = new NearestSelection();
    /** {@link #closest}'s buckets, nearest the target first, and one member of each: reused, every lookup hop asks. */
    private final int[] bucketOrder;
    private final NodeId[] bucketRepresentative;
    private int deepestIndex = -1;

    public RoutingTable(NodeId self, KademliaConfig config, long nowNanos) {
        this.self = Checks.notNull(self, "self");
        this.k = config.k();
        this.layout = new BucketLayout(self, config.bitsPerHop());
        this.staleAfterFailures = config.staleAfterFailures();
        this.maxPerSubnet = config.maxPerSubnet();
        this.replacementCacheSize = config.replacementCacheSize();
        this.freshnessNanos = config.contactFreshness().toNanos();
        this.promptReplacement = config.has(KademliaExtra.PROMPT_REPLACEMENT);
        this.buckets = new KBucket[layout.slots()];
        this.bucketOrder = new int[buckets.length];
        this.bucketRepresentative = new NodeId[buckets.length];
        this.lastLookupNanos = new long[buckets.length];
        java.util.Arrays.fill(lastLookupNanos, nowNanos);
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public int k() {
        return k;
    }

    public int bitsPerHop() {
        return layout.bitsPerHop();
    }

    /** The bucket {@code id} belongs in, or -1 for our own id. */
    @Override
    public int bucketIndex(NodeId id) {
        return layout.bucketIndex(id);
    }

    /** The leading bits every id in bucket {@code index} has in common. */
    public int prefixLength(int index) {
        return layout.prefixLength(index);
    }

    /** Whether bucket {@code index} can hold ids (the last level of b > 1 may have fewer digits). */
    @Override
    public boolean slotExists(int index) {
        return layout.slotExists(index);
    }

    /** A random id that falls in bucket {@code index}. */
    public NodeId randomIdInBucket(int index, RandomGenerator random) {
        return layout.randomIdInBucket(index, random);
    }

    /** The last slot of the level bucket {@code index} is on (itself when b = 1). */
    public int lastSlotOfLevel(int index) {
        return layout.lastSlotOfLevel(index);
    }

    @Override
    public int maxPerSubnet() {
        return maxPerSubnet;
    }

    @Override
    public int replacementCacheSize() {
        return replacementCacheSize;
    }

    public int staleAfterFailures() {
        return staleAfterFailures;
    }

    /** Contacts in buckets (not counting replacement caches). */
    @Override
    public int size() {
        return byId.size();
    }

    /** Slots for buckets; most stay empty and unallocated. */
    @Override
    public int bucketSlots() {
        return buckets.length;
    }

    /** The highest bucket index holding a contact, or -1 for an empty table. */
    public int deepestIndex() {
        return deepestIndex;
    }

    public boolean contains(NodeId id) {
        return byId.containsKey(id);
    }

    /** The contact we hold for {@code id}, or {@code null}. */
    public Contact get(NodeId id) {
        Entry e = byId.get(id);
        return e == null ? null : e.contact;
    }

    /** Failed requests in a row of {@code id}; -1 when not in a bucket. */
    public int failures(NodeId id) {
        Entry e = byId.get(id);
        return e == null ? -1 : e.failures;
    }

    public boolean isStale(NodeId id) {
        return failures(id) >= staleAfterFailures;
    }

    /** Contacts of bucket {@code index}, least recently seen first. */
    @Override
    public List<Contact> bucket(int index) {
        KBucket b = buckets[index];
        List<Contact> out = new ArrayList<>(b == null ? 0 : b.entries.size());
        if (b != null) {
            for (Entry e : b.entries) {
                out.add(e.contact);
            }
        }
        return out;
    }

    /** The replacement cache of bucket {@code index}, most recently seen last. */
    @Override
    public List<Contact> replacements(int index) {
        KBucket b = buckets[index];
        List<Contact> out = new ArrayList<>(b == null ? 0 : b.replacements.size());
        if (b != null) {
            for (Entry e : b.replacements) {
                out.add(e.contact);
            }
        }
        return out;
    }

    /** Every contact in the buckets, bucket by bucket, least recently seen first within one. */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(byId.size());
        for (KBucket b : buckets) {
            if (b != null) {
                for (Entry e : b.entries) {
                    out.add(e.contact);
                }
            }
        }
        return out;
    }

    /**
     * Offers a verified contact: one that just answered a request we sent to this id at this
     * address, so both are proven. Returns what happened and, when a bucket is full, which
     * contact the caller should ping (then report with {@link #probeAnswered} or
     * {@link #probeFailed}).
     */
    public Offer offer(Contact contact, long nowNanos) {
        NodeId id = contact.id();
        if (id.equals(self)) {
            return new Offer(Outcome.SELF, null, null);
        }
        Entry known = byId.get(id);
        if (known != null) {
            if (known.contact.address().equals(contact.address())) {
                refresh(known, nowNanos);
                return new Offer(Outcome.UPDATED, null, null);
            }
            if (known.failures < staleAfterFailures) {
                return new Offer(Outcome.ADDRESS_CONFLICT, known.contact, null);
            }
            removeEntry(known);
        }
        Contact evicted = null;
        Entry sameAddress = byAddress.get(contact.address());
        if (sameAddress != null) {
            // That address now answers as another id: the old node is gone from it.
            evicted = sameAddress.contact;
            removeEntry(sameAddress);
            promote(bucketFor(evicted.id()), nowNanos);
        }
        KBucket bucket = bucketFor(id);
        removeReplacement(bucket, id);
        Entry entry = new Entry(contact, nowNanos);
        if (entry.subnet != null && KBucket.countInSubnet(bucket.entries, entry.subnet) >= maxPerSubnet) {
            return new Offer(Outcome.REJECTED_SUBNET, null, evicted);
        }
        if (bucket.entries.size() < k) {
            addEntry(bucket, entry);
            return new Offer(Outcome.ADDED, null, evicted);
        }
        Entry stale = bucket.firstStale(staleAfterFailures);
        if (stale != null) {
            removeEntry(stale);
            addEntry(bucket, entry);
            return new Offer(Outcome.REPLACED_STALE, null, evicted);
        }
        cache(bucket, entry);
        Entry leastRecent = bucket.entries.get(0);
        if (bucket.probing || nowNanos - leastRecent.lastSeenNanos < freshnessNanos) {
            // Being checked already, or seen so recently that a ping would tell us nothing.
            return new Offer(Outcome.CACHED, null, evicted);
        }
        bucket.probing = true;
        return new Offer(Outcome.CACHED, leastRecent.contact, evicted);
    }

    /**
     * Whether offering {@code id} from {@code address} (once verified) would add it to a bucket:
     * it is unknown, and its bucket has room for its subnet and a free or stale slot. Used to
     * decide whether an unsolicited sender is worth a verification ping.
     */
    public boolean wouldAdmit(NodeId id, Address address) {
        if (id.equals(self) || byId.containsKey(id)) {
            return false;
        }
        int index = bucketIndex(id);
        KBucket bucket = buckets[index];
        if (bucket == null) {
            return true;
        }
        if (bucket.entries.size() >= k && !bucket.hasStale(staleAfterFailures)) {
            return false; // most senders, found before the subnet's string is built and compared
        }
        String subnet = Subnets.of(address);
        return subnet == null || KBucket.countInSubnet(bucket.entries, subnet) < maxPerSubnet;
    }

    /**
     * Records unverified traffic from {@code id} at {@code address} (a request it sent us): if we
     * hold exactly that contact it moves to the most-recently-seen end. Its failure count stays:
     * a spoofed source address must not revive a dead contact. Returns whether we hold it.
     */
    public boolean touch(NodeId id, Address address, long nowNanos) {
        Entry e = byId.get(id);
        if (e == null || !e.contact.address().equals(address)) {
            return false;
        }
        e.lastSeenNanos = nowNanos;
        buckets[bucketIndex(id)].moveToTail(e);
        return true;
    }

    /** The pinged least-recently-seen contact (or conflicting old address) answered: keep it. */
    public void probeAnswered(Contact probed, long nowNanos) {
        if (probed.id().equals(self)) {
            return;
        }
        KBucket bucket = buckets[bucketIndex(probed.id())];
        if (bucket != null) {
            bucket.probing = false;
        }
        Entry e = byId.get(probed.id());
        if (e != null && e.contact.equals(probed)) {
            refresh(e, nowNanos);
        }
    }

    /**
     * The pinged contact did not answer: evict it and promote the most recent replacement.
     * Returns the promoted contact, or {@code null}.
     */
    public Contact probeFailed(Contact probed, long nowNanos) {
        if (probed.id().equals(self)) {
            return null;
        }
        KBucket bucket = buckets[bucketIndex(probed.id())];
        if (bucket != null) {
            bucket.probing = false;
        }
        Entry e = byId.get(probed.id());
        if (e == null || !e.contact.equals(probed)) {
            return null;
        }
        removeEntry(e);
        return promote(bucket, nowNanos);
    }

    /**
     * A request to {@code contact} failed (no answer after the call's retries). Counts the failure;
     * a stale contact is replaced at once when its bucket has a replacement. Returns whether the
     * contact left the bucket.
     */
    public boolean failed(Contact contact, long nowNanos) {
        if (contact.id().equals(self)) {
            return false;
        }
        Entry e = byId.get(contact.id());
        KBucket bucket = buckets[bucketIndex(contact.id())];
        if (e == null || !e.contact.address().equals(contact.address())) {
            if (bucket != null) {
                removeReplacement(bucket, contact.id());
            }
            return false;
        }
        e.failures++;
        if (e.failures == staleAfterFailures) {
            bucket.changed();
        }
        if (e.failures >= staleAfterFailures && !bucket.replacements.isEmpty()) {
            removeEntry(e);
            promote(bucket, nowNanos);
            return true;
        }
        if (promptReplacement && promotable(bucket, e) >= 0) {
            removeEntry(e);
            promote(bucket, nowNanos);
            return true;
        }
        return false;
    }

    /**
     * The index of the replacement {@link #promote} would take once {@code leaving} is out of the
     * bucket, or -1. Checked before removing a contact that is not yet stale, so a bucket never
     * loses a contact that may be alive without gaining one.
     */
    private int promotable(KBucket bucket, Entry leaving) {
        for (int i = bucket.replacements.size() - 1; i >= 0; i--) {
            Entry r = bucket.replacements.get(i);
            Entry atAddress = byAddress.get(r.contact.address());
            if (atAddress != null && atAddress != leaving) {
                continue;
            }
            if (r.subnet == null || KBucket.countInSubnet(bucket.entries, r.subnet)
                    - (r.subnet.equals(leaving.subnet) ? 1 : 0) < maxPerSubnet) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Removes {@code contact} at once (it answered as another id, or does not speak Kademlia) and
     * promotes a replacement. Returns whether it was in a bucket.
     */
    public boolean evict(Contact contact, long nowNanos) {
        if (contact.id().equals(self)) {
            return false;
        }
        Entry e = byId.get(contact.id());
        KBucket bucket = buckets[bucketIndex(contact.id())];
        if (bucket != null) {
            removeReplacement(bucket, contact.id());
        }
        if (e == null || !e.contact.address().equals(contact.address())) {
            return false;
        }
        removeEntry(e);
        promote(bucket, nowNanos);
        return true;
    }

    /**
     * Up to {@code count} contacts closest to {@code target} by XOR, closest first, leaving out
     * stale ones when {@code skipStale}.
     *
     * <p>Buckets hold disjoint id prefixes, so every member of one bucket is nearer the target than
     * every member of another, or every one farther: ordering the buckets by one member each orders
     * them all, and only the nearest buckets are read, each through a bounded selection. (Grouping
     * buckets by shared prefix with the target lumped all our deeper buckets into one group, read
     * whole whenever the target's bucket held a stale contact.)
     */
    public List<Contact> closest(NodeId target, int count, boolean skipStale) {
        return layout.bitsPerHop() == 1 ? closestOneBitPerHop(target, count, skipStale)
                : closestByMembers(target, count, skipStale);
    }

    /**
     * With b = 1 the buckets' order follows from the bits of our id XOR the target's: if they share
     * p leading bits, bucket p is nearest; a deeper bucket j comes before all deeper ones when bit j
     * differs between the two ids, after them when it agrees; shallower buckets come last, deepest
     * first. Buckets are read in that order only until {@code count} are found: usually bucket p
     * alone, without reading a member of any other.
     */
    private List<Contact> closestOneBitPerHop(NodeId target, int count, boolean skipStale) {
        List<Contact> out = new ArrayList<>(count);
        int p = self.commonPrefixLength(target);
        int deepest = deepestIndex;
        if (p <= deepest) {
            take(p, target, count, skipStale, out);
        }
        for (int j = p + 1; j <= deepest && out.size() < count; j++) {
            if (bitDiffers(target, j)) {
                take(j, target, count, skipStale, out);
            }
        }
        for (int j = deepest; j > p && out.size() < count; j--) {
            if (!bitDiffers(target, j)) {
                take(j, target, count, skipStale, out);
            }
        }
        for (int j = Math.min(p, deepest + 1) - 1; j >= 0 && out.size() < count; j--) {
            take(j, target, count, skipStale, out);
        }
        return out;
    }

    /** Whether {@code id} and ours differ in bit {@code fromTop}, counted from the most significant. */
    private boolean bitDiffers(NodeId id, int fromTop) {
        int bit = NodeId.BITS - 1 - fromTop;
        return id.testBit(bit) != self.testBit(bit);
    }

    /** Adds the nearest of bucket {@code index}'s contacts to {@code out}, up to {@code count} in all. */
    private void take(int index, NodeId target, int count, boolean skipStale, List<Contact> out) {
        KBucket b = buckets[index];
        if (b == null || b.entries.isEmpty()) {
            return;
        }
        selection.reset(target, count - out.size());
        b.offerMembers(selection, skipStale, staleAfterFailures);
        selection.drainTo(out);
    }

    /** Any b: the buckets ordered by one member each, then read nearest first. */
    private List<Contact> closestByMembers(NodeId target, int count, boolean skipStale) {
        int[] order = bucketOrder;
        NodeId[] representative = bucketRepresentative;
        int n = 0;
        for (int i = 0; i <= deepestIndex; i++) {
            KBucket b = buckets[i];
            if (b != null && !b.entries.isEmpty()) {
                NodeId rep = b.entries.get(0).id;
                // Insertion sort, nearest bucket first: there are few buckets.
                int j = n++;
                while (j > 0 && target.compareXorDistances(representative[j - 1], rep) > 0) {
                    representative[j] = representative[j - 1];
                    order[j] = order[j - 1];
                    j--;
                }
                representative[j] = rep;
                order[j] = i;
            }
        }
        List<Contact> out = new ArrayList<>(count);
        for (int g = 0; g < n && out.size() < count; g++) {
            take(order[g], target, count, skipStale, out);
        }
        java.util.Arrays.fill(representative, 0, n, null);
        return out;
    }

    /** Notes a lookup of {@code target}: its bucket does not need a refresh for a while. */
    public void markLookedUp(NodeId target, long nowNanos) {
        int index = bucketIndex(target);
        if (index >= 0) {
            lastLookupNanos[index] = nowNanos;
        }
    }

    /**
     * Buckets with no lookup into them for {@code intervalNanos}, up to the deepest level in use
     * (deeper buckets are our own neighbourhood, which the leaf-set refresh covers).
     */
    public List<Integer> bucketsToRefresh(long nowNanos, long intervalNanos) {
        List<Integer> out = new ArrayList<>();
        if (deepestIndex < 0) {
            return out;
        }
        int last = layout.lastSlotOfLevel(deepestIndex);
        for (int i = 0; i <= last; i++) {
            if (nowNanos - lastLookupNanos[i] >= intervalNanos && slotExists(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private KBucket bucketFor(NodeId id) {
        int index = bucketIndex(id);
        KBucket b = buckets[index];
        if (b == null) {
            b = new KBucket(index);
            buckets[index] = b;
        }
        return b;
    }

    private void refresh(Entry e, long nowNanos) {
        KBucket bucket = buckets[bucketIndex(e.id)];
        if (e.failures >= staleAfterFailures) {
            bucket.changed();
        }
        e.failures = 0;
        e.lastSeenNanos = nowNanos;
        bucket.moveToTail(e);
    }

    private void addEntry(KBucket bucket, Entry e) {
        bucket.entries.add(e);
        bucket.changed();
        byId.put(e.id, e);
        byAddress.put(e.contact.address(), e);
        deepestIndex = Math.max(deepestIndex, bucket.index);
    }

    private void removeEntry(Entry e) {
        KBucket bucket = buckets[bucketIndex(e.id)];
        bucket.entries.remove(e);
        bucket.changed();
        byId.remove(e.id);
        byAddress.remove(e.contact.address());
        while (deepestIndex >= 0 && (buckets[deepestIndex] == null || buckets[deepestIndex].entries.isEmpty())) {
            deepestIndex--;
        }
    }

    private void cache(KBucket bucket, Entry e) {
        if (replacementCacheSize == 0) {
            return;
        }
        if (e.subnet != null && KBucket.countInSubnet(bucket.replacements, e.subnet) >= maxPerSubnet) {
            // Keep the newest from that subnet: drop its oldest one.
            for (int i = 0; i < bucket.replacements.size(); i++) {
                if (e.subnet.equals(bucket.replacements.get(i).subnet)) {
                    bucket.replacements.remove(i);
                    break;
                }
            }
        }
        if (bucket.replacements.size() >= replacementCacheSize) {
            bucket.replacements.remove(0);
        }
        bucket.replacements.add(e);
    }

    private static void removeReplacement(KBucket bucket, NodeId id) {
        Entry r = KBucket.find(bucket.replacements, id);
        if (r != null) {
            bucket.replacements.remove(r);
        }
    }

    /** Moves the most recently seen admissible replacement into the bucket; returns it or {@code null}. */
    private Contact promote(KBucket bucket, long nowNanos) {
        for (int i = bucket.replacements.size() - 1; i >= 0 && bucket.entries.size() < k; i--) {
            Entry r = bucket.replacements.get(i);
            if (byAddress.containsKey(r.contact.address())
                    || (r.subnet != null && KBucket.countInSubnet(bucket.entries, r.subnet) >= maxPerSubnet)) {
                continue;
            }
            bucket.replacements.remove(i);
            Entry promoted = new Entry(r.contact, nowNanos);
            addEntry(bucket, promoted);
            return promoted.contact;
        }
        return null;
    }
}
