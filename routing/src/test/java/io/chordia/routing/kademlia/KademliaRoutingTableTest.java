package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.routing.kademlia.RoutingTable.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KademliaRoutingTableTest {
    private static final NodeId SELF = NodeId.fromHex("8000000000000000000000000000000000000000");
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private static KademliaConfig config(int k) {
        return KademliaConfig.defaults().withK(k).withReplacementCacheSize(3).withMaxPerSubnet(k)
                .withStaleAfterFailures(2).withContactFreshness(Duration.ZERO);
    }

    /** An id in bucket {@code bucket} of SELF (b = 1): shares exactly {@code bucket} leading bits. */
    private static NodeId inBucket(int bucket, int n) {
        RoutingTable probe = new RoutingTable(SELF, KademliaConfig.defaults(), 0);
        NodeId base = probe.randomIdInBucket(bucket, new SplittableRandom(n));
        return base;
    }

    private static Contact contact(NodeId id, int n) {
        return new Contact(id, new Address("10." + (n >>> 8 & 255) + "." + (n & 255) + ".1", 4000));
    }

    @Test
    void bucketIndexIsTheSharedPrefixLengthWithOneBitPerHop() {
        RoutingTable table = new RoutingTable(SELF, config(20), 0);
        assertThat(table.bucketIndex(SELF)).isEqualTo(-1);
        assertThat(table.bucketIndex(NodeId.ZERO)).isEqualTo(0);
        assertThat(table.bucketIndex(NodeId.fromHex("c000000000000000000000000000000000000000"))).isEqualTo(1);
        assertThat(table.bucketIndex(NodeId.fromHex("8000000000000000000000000000000000000001"))).isEqualTo(159);
        SplittableRandom random = new SplittableRandom(1);
        for (int b = 0; b < NodeId.BITS; b++) {
            NodeId id = table.randomIdInBucket(b, random);
            assertThat(table.bucketIndex(id)).as("bucket %s", b).isEqualTo(b);
            assertThat(SELF.commonPrefixLength(id)).isEqualTo(b);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 8})
    void acceleratedTablesHaveTwoToTheBMinusOneBucketsPerDigit(int b) {
        RoutingTable table = new RoutingTable(SELF, config(20).withBitsPerHop(b), 0);
        int perLevel = (1 << b) - 1;
        assertThat(table.bucketSlots()).isEqualTo((NodeId.BITS + b - 1) / b * perLevel);
        SplittableRandom random = new SplittableRandom(b);
        for (int i = 0; i < table.bucketSlots(); i++) {
            if (!table.slotExists(i)) {
                continue;
            }
            NodeId id = table.randomIdInBucket(i, random);
            assertThat(table.bucketIndex(id)).as("slot %s", i).isEqualTo(i);
            int level = i / perLevel;
            // Same leading digits as ours, a different digit at this level.
            assertThat(SELF.commonPrefixLength(id)).isBetween(level * b, level * b + b - 1);
            assertThat(table.prefixLength(i)).isEqualTo(Math.min(NodeId.BITS, level * b + b));
        }
        for (int n = 0; n < 2000; n++) {
            NodeId id = NodeId.random(random);
            int i = table.bucketIndex(id);
            assertThat(table.slotExists(i)).isTrue();
            assertThat(SELF.commonPrefixLength(id) / b).isEqualTo(i / perLevel);
        }
    }

    @Test
    void aFullBucketCachesTheNewcomerAndAsksForAPingOfTheLeastRecentlySeen() {
        RoutingTable table = new RoutingTable(SELF, config(3), 0);
        List<Contact> old = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Contact c = contact(inBucket(0, n), n);
            old.add(c);
            assertThat(table.offer(c, n).outcome()).isEqualTo(Outcome.ADDED);
        }
        // Seen again: moves to the most-recently-seen end.
        assertThat(table.offer(old.get(0), 10).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(table.bucket(0)).containsExactly(old.get(1), old.get(2), old.get(0));

        Contact newcomer = contact(inBucket(0, 7), 7);
        RoutingTable.Offer offer = table.offer(newcomer, 20);
        assertThat(offer.outcome()).isEqualTo(Outcome.CACHED);
        assertThat(offer.probe()).isEqualTo(old.get(1));
        assertThat(table.replacements(0)).containsExactly(newcomer);
        // One ping at a time per bucket.
        assertThat(table.offer(contact(inBucket(0, 8), 8), 21).probe()).isNull();

        // It answered: the old contact stays (and moves up); the newcomers wait in the cache.
        table.probeAnswered(old.get(1), 30);
        assertThat(table.bucket(0)).containsExactly(old.get(2), old.get(0), old.get(1));
        RoutingTable.Offer again = table.offer(contact(inBucket(0, 9), 9), 31);
        assertThat(again.probe()).isEqualTo(old.get(2));
        // It did not answer: evicted, and the most recent replacement takes its place.
        Contact promoted = table.probeFailed(old.get(2), 40);
        assertThat(promoted).isEqualTo(contact(inBucket(0, 9), 9));
        assertThat(table.bucket(0)).containsExactly(old.get(0), old.get(1), promoted);
        assertThat(table.contains(old.get(2).id())).isFalse();
        assertThat(BucketInvariants.violations(table)).isEmpty();
    }

    @Test
    void aRecentlySeenLeastRecentContactIsNotPinged() {
        RoutingTable table = new RoutingTable(SELF, config(2).withContactFreshness(Duration.ofMinutes(5)), 0);
        table.offer(contact(inBucket(0, 1), 1), 0);
        table.offer(contact(inBucket(0, 2), 2), 0);
        assertThat(table.offer(contact(inBucket(0, 3), 3), 4 * MINUTE).probe()).isNull();
        assertThat(table.offer(contact(inBucket(0, 4), 4), 6 * MINUTE).probe()).isEqualTo(contact(inBucket(0, 1), 1));
    }

    @Test
    void staleContactsAreFlaggedAndReplacedOnlyWhenAReplacementExists() {
        RoutingTable table = new RoutingTable(SELF, config(2).without(KademliaExtra.PROMPT_REPLACEMENT), 0);
        Contact a = contact(inBucket(3, 1), 1);
        Contact b = contact(inBucket(3, 2), 2);
        table.offer(a, 0);
        table.offer(b, 0);
        assertThat(table.failed(a, 1)).isFalse();
        assertThat(table.failed(a, 2)).isFalse(); // stale now, but nothing to replace it with: kept
        assertThat(table.isStale(a.id())).isTrue();
        assertThat(table.closest(a.id(), 5, true)).containsExactly(b);
        assertThat(table.closest(a.id(), 5, false)).containsExactly(a, b);

        // A verified newcomer takes the stale contact's place at once.
        Contact c = contact(inBucket(3, 3), 3);
        assertThat(table.offer(c, 3).outcome()).isEqualTo(Outcome.REPLACED_STALE);
        assertThat(table.bucket(3)).containsExactly(b, c);

        // A stale contact with a cached replacement is replaced when it fails again.
        Contact d = contact(inBucket(3, 4), 4);
        assertThat(table.offer(d, 4).outcome()).isEqualTo(Outcome.CACHED);
        table.probeAnswered(b, 5);
        table.failed(c, 6);
        assertThat(table.failed(c, 7)).isTrue();
        assertThat(table.bucket(3)).containsExactly(b, d);
        assertThat(table.replacements(3)).isEmpty();
        // An answer clears the failure count.
        table.failed(b, 8);
        table.offer(b, 9);
        assertThat(table.failures(b.id())).isZero();
    }

    @Test
    void withPromptReplacementOneFailureHandsTheSlotToTheNewestCachedContact() {
        RoutingTable table = new RoutingTable(SELF, config(2), 0);
        Contact a = contact(inBucket(3, 1), 1);
        Contact b = contact(inBucket(3, 2), 2);
        table.offer(a, 0);
        table.offer(b, 0);
        // Nothing cached: a failure only counts.
        assertThat(table.failed(a, 1)).isFalse();
        assertThat(table.bucket(3)).containsExactly(a, b);
        Contact c = contact(inBucket(3, 3), 3);
        Contact d = contact(inBucket(3, 4), 4);
        table.probeAnswered(a, 2);
        assertThat(table.offer(c, 3).outcome()).isEqualTo(Outcome.CACHED);
        assertThat(table.offer(d, 4).outcome()).isEqualTo(Outcome.CACHED);
        assertThat(table.failed(b, 5)).isTrue();
        assertThat(table.bucket(3)).containsExactly(a, d);
        assertThat(table.replacements(3)).containsExactly(c);
    }

    @Test
    void atMostAFewContactsPerSubnetPerBucket() {
        RoutingTable table = new RoutingTable(SELF, config(8).withMaxPerSubnet(2), 0);
        for (int n = 0; n < 4; n++) {
            Contact sameNet = new Contact(inBucket(0, n), new Address("198.51.100." + (10 + n), 4000));
            assertThat(table.offer(sameNet, n).outcome()).isEqualTo(n < 2 ? Outcome.ADDED : Outcome.REJECTED_SUBNET);
        }
        assertThat(table.wouldAdmit(inBucket(0, 9), new Address("198.51.100.99", 4000))).isFalse();
        assertThat(table.wouldAdmit(inBucket(0, 9), new Address("198.51.101.99", 4000))).isTrue();
        // Another bucket has its own share; loopback is exempt.
        assertThat(table.offer(new Contact(inBucket(1, 1), new Address("198.51.100.50", 4000)), 9).outcome())
                .isEqualTo(Outcome.ADDED);
        for (int n = 0; n < 4; n++) {
            assertThat(table.offer(new Contact(inBucket(2, n), new Address("127.0.0.1", 5000 + n)), 10).outcome())
                    .isEqualTo(Outcome.ADDED);
        }
        assertThat(BucketInvariants.violations(table)).isEmpty();
    }

    @Test
    void anAddressThatAnswersAsAnotherIdEvictsTheOldContact() {
        RoutingTable table = new RoutingTable(SELF, config(4), 0);
        Address shared = new Address("10.1.1.1", 4000);
        Contact old = new Contact(inBucket(0, 1), shared);
        table.offer(old, 0);
        Contact restarted = new Contact(inBucket(5, 1), shared);
        RoutingTable.Offer offer = table.offer(restarted, 1);
        assertThat(offer.outcome()).isEqualTo(Outcome.ADDED);
        assertThat(offer.evicted()).isEqualTo(old);
        assertThat(table.contains(old.id())).isFalse();
        assertThat(table.get(restarted.id())).isEqualTo(restarted);
        // An id we know at another address that still works is kept until it fails.
        Contact moved = new Contact(restarted.id(), new Address("10.9.9.9", 4000));
        RoutingTable.Offer conflict = table.offer(moved, 2);
        assertThat(conflict.outcome()).isEqualTo(Outcome.ADDRESS_CONFLICT);
        assertThat(conflict.probe()).isEqualTo(restarted);
        assertThat(table.evict(restarted, 3)).isTrue();
        assertThat(table.offer(moved, 4).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(BucketInvariants.violations(table)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void closestAgreesWithSortingEverything(int b) {
        SplittableRandom random = new SplittableRandom(42 + b);
        RoutingTable table = new RoutingTable(SELF, config(8).withBitsPerHop(b), 0);
        List<Contact> all = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            Contact c = contact(NodeId.random(random), n);
            if (table.offer(c, n).outcome() == Outcome.ADDED) {
                all.add(c);
            }
        }
        // Some deep contacts, close to us.
        for (int n = 0; n < 40; n++) {
            Contact c = contact(table.randomIdInBucket(Math.min(table.bucketSlots() - 1, 8 * ((1 << b) - 1) + n % 3), random),
                    5000 + n);
            if (table.offer(c, n).outcome() == Outcome.ADDED) {
                all.add(c);
            }
        }
        assertThat(all).hasSize(table.size());
        for (int t = 0; t < 300; t++) {
            NodeId target = t % 3 == 0 ? SELF.xor(NodeId.of(0, 0, random.nextInt(1 << 20))) : NodeId.random(random);
            int count = 1 + random.nextInt(20);
            assertThat(table.closest(target, count, true)).isEqualTo(IdOrder.closestDistinct(all, target, count));
        }
        assertThat(BucketInvariants.violations(table)).isEmpty();
    }

    /**
     * Buckets keep their members' ids in arrays for {@link RoutingTable#closest}, rebuilt when a
     * member comes, goes, turns stale or answers again: after every one of those, interleaved at
     * random, closest must still agree with sorting what the table holds (a change that failed to
     * reach the arrays would leave a departed, stale or revived contact on the wrong side).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void closestStaysRightWhileContactsComeGoAndTurnStale(int b) {
        SplittableRandom random = new SplittableRandom(11 + b);
        RoutingTable table = new RoutingTable(SELF, config(4).withBitsPerHop(b), 0);
        List<Contact> pool = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            pool.add(contact(NodeId.random(random), n));
        }
        for (int step = 0; step < 4000; step++) {
            Contact c = pool.get(random.nextInt(pool.size()));
            switch (random.nextInt(4)) {
                case 0, 1 -> table.offer(c, step);
                case 2 -> table.failed(c, step);
                default -> table.evict(c, step);
            }
            List<Contact> held = table.contacts();
            List<Contact> live = new ArrayList<>();
            for (Contact h : held) {
                if (!table.isStale(h.id())) {
                    live.add(h);
                }
            }
            NodeId target = NodeId.random(random);
            int count = 1 + random.nextInt(20);
            assertThat(table.closest(target, count, true)).isEqualTo(IdOrder.closestDistinct(live, target, count));
            assertThat(table.closest(target, count, false)).isEqualTo(IdOrder.closestDistinct(held, target, count));
        }
    }

    /**
     * The table reads only the buckets nearest the target: with stale contacts left out, a bucket
     * may fall short and the next nearest must follow, in distance order, not bucket order.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void closestLeavingOutStaleContactsAgreesWithSortingTheLiveOnes(int b) {
        SplittableRandom random = new SplittableRandom(7 + b);
        // No replacement cache: a stale contact stays in its bucket, where closest must skip it.
        RoutingTable table = new RoutingTable(SELF, config(8).withBitsPerHop(b).withReplacementCacheSize(0), 0);
        List<Contact> live = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            Contact c = contact(NodeId.random(random), n);
            Outcome outcome = table.offer(c, n).outcome();
            if (outcome != Outcome.ADDED && outcome != Outcome.REPLACED_STALE) {
                continue;
            }
            if (random.nextInt(3) == 0) {
                table.failed(c, n);
                table.failed(c, n);
                assertThat(table.isStale(c.id())).isTrue();
            } else {
                live.add(c);
            }
        }
        assertThat(live.size()).isLessThan(table.size());
        for (int t = 0; t < 300; t++) {
            NodeId target = t % 3 == 0 ? SELF.xor(NodeId.of(0, 0, random.nextInt(1 << 20))) : NodeId.random(random);
            int count = 1 + random.nextInt(40);
            assertThat(table.closest(target, count, true)).isEqualTo(IdOrder.closestDistinct(live, target, count));
        }
    }

    @Test
    void idleBucketsAreDueForRefreshAndALookupResetsTheirClock() {
        RoutingTable table = new RoutingTable(SELF, config(4), 0);
        table.offer(contact(inBucket(0, 1), 1), 0);
        table.offer(contact(inBucket(5, 1), 2), 0);
        assertThat(table.deepestIndex()).isEqualTo(5);
        assertThat(table.bucketsToRefresh(30 * MINUTE, 60 * MINUTE)).isEmpty();
        assertThat(table.bucketsToRefresh(60 * MINUTE, 60 * MINUTE)).containsExactly(0, 1, 2, 3, 4, 5);
        table.markLookedUp(inBucket(2, 3), 60 * MINUTE);
        assertThat(table.bucketsToRefresh(61 * MINUTE, 60 * MINUTE)).containsExactly(0, 1, 3, 4, 5);
    }
}
