package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.util.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Range digests against a reference model: two stores as sorted maps of key to record digest.
 * Their digests agree exactly when the maps do, and the descent finds exactly the keys one side
 * holds that the other lacks or holds otherwise, with few exchanges when few differ.
 */
class RangeComparisonTest {
    private final SplittableRandom random = new SplittableRandom(15);

    @Test
    void digestsOfTwoStoresAreEqualExactlyWhenTheirContentsAre() {
        for (int trial = 0; trial < 300; trial++) {
            TreeMap<NodeId, Bytes> a = randomStore(random.nextInt(0, 400));
            TreeMap<NodeId, Bytes> b = trial % 3 == 0 ? new TreeMap<>(a) : mutated(a, 1 + random.nextInt(5));
            SharedRecords sa = snapshot(a);
            SharedRecords sb = snapshot(b);
            assertThat(sa.digest(NodeId.ZERO, 0).equals(sb.digest(NodeId.ZERO, 0))).isEqualTo(a.equals(b));
            // Every sub-range agrees with the model too.
            NodeId prefix = NodeId.random(new java.util.Random(random.nextLong())).withLowBits(8, false);
            assertThat(sa.digest(prefix, 8).equals(sb.digest(prefix, 8)))
                    .isEqualTo(a.subMap(prefix, true, prefix.withLowBits(8, true), true)
                            .equals(b.subMap(prefix, true, prefix.withLowBits(8, true), true)));
        }
    }

    @Test
    void descentFindsExactlyTheKeysTheOtherSideLacksOrHoldsOtherwise() {
        for (int trial = 0; trial < 100; trial++) {
            TreeMap<NodeId, Bytes> mine = randomStore(random.nextInt(1, 3000));
            TreeMap<NodeId, Bytes> theirs = mutated(mine, random.nextInt(0, 40));
            TreeSet<NodeId> expected = new TreeSet<>();
            mine.forEach((k, d) -> {
                if (!d.equals(theirs.get(k))) {
                    expected.add(k);
                }
            });
            Descent found = descend(snapshot(mine), snapshot(theirs));
            assertThat(found.differing).isEqualTo(expected);
            if (mine.equals(theirs)) {
                assertThat(found.exchanges).isEqualTo(1);
            }
        }
    }

    @Test
    void anUpToDateReplicaCostsOneExchangeAndAFewDifferencesFewMore() {
        TreeMap<NodeId, Bytes> mine = randomStore(100_000);
        assertThat(descend(snapshot(mine), snapshot(new TreeMap<>(mine))).exchanges).isEqualTo(1);
        TreeMap<NodeId, Bytes> theirs = new TreeMap<>(mine);
        theirs.remove(mine.firstKey());
        Descent one = descend(snapshot(mine), snapshot(theirs));
        assertThat(one.differing).containsExactly(mine.firstKey());
        // Root, then one sub-range per level until a range lists at most 16 records: log16(100,000) + 1.
        assertThat(one.exchanges).isLessThanOrEqualTo(6);
    }

    @Test
    void everyAnswerIsBoundedWhateverTheRangeHolds() {
        SharedRecords many = snapshot(randomStore(50_000));
        for (int bits = 0; bits <= CompareRange.MAX_PREFIX_BITS; bits += 4) {
            NodeId prefix = NodeId.ZERO.withLowBits(bits, false);
            RangeDigests answer = RangeComparison.answer(many, new CompareRange(prefix, bits, digest(random.nextLong())));
            assertThat(answer.entries().size()).isLessThanOrEqualTo(RangeDigests.MAX_ENTRIES);
            assertThat(answer.children().size()).isIn(0, RangeDigests.FANOUT);
        }
        // A stranger shares nothing with this node: whatever it asks, it learns nothing but "not the same, nothing here".
        RangeDigests stranger = RangeComparison.answer(SharedRecords.EMPTY, new CompareRange(NodeId.ZERO, 0, digest(1)));
        assertThat(stranger.same()).isFalse();
        assertThat(stranger.entries()).isEmpty();
        assertThat(stranger.children()).isEmpty();
    }

    private record Descent(TreeSet<NodeId> differing, int exchanges) {}

    /** The asking side's whole descent, each exchange answered by the other side's pure function. */
    private static Descent descend(SharedRecords mine, SharedRecords theirs) {
        TreeSet<NodeId> differing = new TreeSet<>();
        int exchanges = 0;
        Deque<Object[]> ranges = new ArrayDeque<>();
        ranges.add(new Object[] {NodeId.ZERO, 0});
        while (!ranges.isEmpty()) {
            Object[] range = ranges.poll();
            NodeId prefix = (NodeId) range[0];
            int bits = (Integer) range[1];
            exchanges++;
            RangeDigests reply = RangeComparison.answer(theirs, new CompareRange(prefix, bits, mine.digest(prefix, bits)));
            RangeComparison.Next next = RangeComparison.react(mine, prefix, bits, reply);
            next.subRanges().forEach(child -> ranges.add(new Object[] {child, next.childBits()}));
            differing.addAll(next.differing());
        }
        return new Descent(differing, exchanges);
    }

    private TreeMap<NodeId, Bytes> randomStore(int n) {
        TreeMap<NodeId, Bytes> store = new TreeMap<>();
        java.util.Random ids = new java.util.Random(random.nextLong());
        while (store.size() < n) {
            store.put(NodeId.random(ids), digest(random.nextLong()));
        }
        return store;
    }

    /** {@code changes} random edits: a record dropped, one changed, or one the other side lacks added. */
    private TreeMap<NodeId, Bytes> mutated(TreeMap<NodeId, Bytes> store, int changes) {
        TreeMap<NodeId, Bytes> out = new TreeMap<>(store);
        java.util.Random ids = new java.util.Random(random.nextLong());
        for (int i = 0; i < changes; i++) {
            List<NodeId> keys = new ArrayList<>(out.keySet());
            int kind = keys.isEmpty() ? 2 : random.nextInt(3);
            if (kind == 0) {
                out.remove(keys.get(random.nextInt(keys.size())));
            } else if (kind == 1) {
                out.put(keys.get(random.nextInt(keys.size())), digest(random.nextLong()));
            } else {
                out.put(NodeId.random(ids), digest(random.nextLong()));
            }
        }
        return out;
    }

    private static SharedRecords snapshot(Map<NodeId, Bytes> store) {
        return SharedRecords.of(new ArrayList<>(store.keySet()), new ArrayList<>(store.values()));
    }

    private static Bytes digest(long seed) {
        byte[] d = new byte[RangeDigests.DIGEST_BYTES];
        new SplittableRandom(seed).nextBytes(d);
        return Bytes.wrapOwned(d);
    }
}
