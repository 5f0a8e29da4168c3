package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bucket checker on tables that break each invariant. A {@link RoutingTable} keeps them by
 * construction, so the broken tables are a real table's layout with some buckets rewritten.
 */
class BucketInvariantsTest {
    private static final NodeId SELF = NodeId.fromHex("8000000000000000000000000000000000000000");
    private static final int K = 4;

    /** A real table's layout and limits, with the contents of some buckets replaced. */
    private static class Rewritten implements BucketTable {
        private final RoutingTable layout;
        private final Map<Integer, List<Contact>> buckets = new HashMap<>();
        private final Map<Integer, List<Contact>> caches = new HashMap<>();

        Rewritten(RoutingTable layout) {
            this.layout = layout;
        }

        Rewritten bucket(int index, Contact... contacts) {
            buckets.put(index, List.of(contacts));
            return this;
        }

        Rewritten cache(int index, Contact... contacts) {
            caches.put(index, List.of(contacts));
            return this;
        }

        @Override public NodeId self() { return layout.self(); }
        @Override public int k() { return layout.k(); }
        @Override public int maxPerSubnet() { return layout.maxPerSubnet(); }
        @Override public int replacementCacheSize() { return layout.replacementCacheSize(); }
        @Override public int bucketSlots() { return layout.bucketSlots(); }
        @Override public boolean slotExists(int index) { return layout.slotExists(index); }
        @Override public int bucketIndex(NodeId id) { return layout.bucketIndex(id); }
        @Override public List<Contact> bucket(int index) { return buckets.getOrDefault(index, List.of()); }
        @Override public List<Contact> replacements(int index) { return caches.getOrDefault(index, List.of()); }
        @Override public int size() { return buckets.values().stream().mapToInt(List::size).sum(); }
    }

    private static RoutingTable table(KademliaConfig config) {
        return new RoutingTable(SELF, config.withK(K).withReplacementCacheSize(2).withMaxPerSubnet(2)
                .withContactFreshness(Duration.ZERO), 0);
    }

    private static final RoutingTable TABLE = table(KademliaConfig.defaults());

    private static Contact inBucket(int bucket, int n) {
        NodeId id = TABLE.randomIdInBucket(bucket, new SplittableRandom(bucket * 1000L + n));
        return new Contact(id, new Address("10." + bucket + "." + n + ".1", 4000));
    }

    @Test
    void aTableBuiltByOffersHasNoViolations() {
        RoutingTable table = table(KademliaConfig.defaults());
        List<Contact> offered = new ArrayList<>();
        for (int bucket = 0; bucket < 6; bucket++) {
            for (int n = 0; n < K + 2; n++) {
                offered.add(inBucket(bucket, n));
                table.offer(inBucket(bucket, n), 0);
            }
        }

        assertThat(table.size()).isEqualTo(6 * K);
        assertThat(BucketInvariants.violations(table)).isEmpty();
        Rewritten copy = new Rewritten(table);
        for (int bucket = 0; bucket < 6; bucket++) {
            copy.bucket(bucket, table.bucket(bucket).toArray(Contact[]::new))
                    .cache(bucket, table.replacements(bucket).toArray(Contact[]::new));
        }
        assertThat(BucketInvariants.violations(copy)).as("the rewriting itself breaks nothing").isEmpty();
    }

    @Test
    void aContactInTheWrongBucketIsReported() {
        Contact misplaced = inBucket(7, 0);
        BucketTable broken = new Rewritten(TABLE).bucket(3, inBucket(3, 0), misplaced);

        assertThat(BucketInvariants.violations(broken))
                .containsExactly(misplaced + " is in bucket 3 but belongs in 7");
    }

    @Test
    void aReplacementCachedForTheWrongBucketIsReported() {
        Contact misplaced = inBucket(9, 0);
        BucketTable broken = new Rewritten(TABLE).bucket(2, inBucket(2, 0)).cache(2, misplaced);

        assertThat(BucketInvariants.violations(broken))
                .containsExactly("replacement " + misplaced + " is cached for bucket 2 but belongs in 9");
    }

    @Test
    void anOverfullBucketAndAnOverfullCacheAreReported() {
        BucketTable broken = new Rewritten(TABLE)
                .bucket(5, inBucket(5, 0), inBucket(5, 1), inBucket(5, 2), inBucket(5, 3), inBucket(5, 4))
                .cache(6, inBucket(6, 0), inBucket(6, 1), inBucket(6, 2));

        assertThat(BucketInvariants.violations(broken))
                .contains("bucket 5 holds 5 > k=4", "replacement cache 6 holds 3 > 2");
    }

    @Test
    void ourOwnIdADuplicateIdAndADuplicateAddressAreReported() {
        Contact a = inBucket(4, 0);
        Contact sameId = new Contact(a.id(), new Address("10.99.0.1", 4000));
        Contact b = inBucket(8, 0);
        Contact sameAddress = new Contact(inBucket(8, 1).id(), b.address());
        BucketTable broken = new Rewritten(TABLE)
                .bucket(0, new Contact(SELF, new Address("10.0.0.9", 4000)))
                .bucket(4, a, sameId)
                .bucket(8, b, sameAddress);

        assertThat(BucketInvariants.violations(broken)).contains(
                "bucket 0 holds our own id",
                "id " + a.id().shortId() + " appears twice",
                "address " + b.address() + " appears twice");
    }

    @Test
    void tooManyContactsOfOneSubnetAreReported() {
        Contact[] sameSubnet = new Contact[3];
        for (int n = 0; n < 3; n++) {
            sameSubnet[n] = new Contact(inBucket(6, n).id(), new Address("192.0.2." + (n + 1), 4000));
        }
        BucketTable broken = new Rewritten(TABLE).bucket(6, sameSubnet);

        assertThat(BucketInvariants.violations(broken)).containsExactly("bucket 6 holds more than 2 contacts of 192.0.2");
    }

    @Test
    void aContactInASlotThatDoesNotExistIsReported() {
        RoutingTable accelerated = table(KademliaConfig.defaults().withBitsPerHop(3));
        int missing = -1;
        for (int i = 0; i < accelerated.bucketSlots() && missing < 0; i++) {
            if (!accelerated.slotExists(i)) {
                missing = i;
            }
        }
        assertThat(missing).as("160 bits in digits of 3 leave invalid slots on the last level").isNotNegative();
        Contact c = inBucket(2, 0);
        BucketTable broken = new Rewritten(accelerated).bucket(missing, c);

        assertThat(BucketInvariants.violations(broken)).contains("bucket " + missing + " is not a valid slot but holds 1");
    }

    @Test
    void aSizeThatDisagreesWithTheBucketsIsReported() {
        Rewritten lying = new Rewritten(TABLE) {
            @Override
            public int size() {
                return 2;
            }
        };
        lying.bucket(1, inBucket(1, 0));

        assertThat(BucketInvariants.violations(lying)).containsExactly("size() says 2 but the buckets hold 1");
    }
}
