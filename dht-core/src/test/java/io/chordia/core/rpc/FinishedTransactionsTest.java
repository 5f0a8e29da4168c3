package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FinishedTransactionsTest {
    /** The map it replaces: insertion order, eldest evicted beyond the capacity. */
    private static Map<Long, Boolean> reference(int capacity) {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 16, 17, 1000})
    void remembersTheLastIdsLikeAnEvictingLinkedHashMap(int capacity) {
        SplittableRandom random = new SplittableRandom(capacity);
        FinishedTransactions finished = new FinishedTransactions(capacity, Long.MAX_VALUE);
        Map<Long, Boolean> reference = reference(capacity);
        List<Long> added = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // Each id once, as the RPC layer finishes each call once; 0 and negatives included.
            long txId = i == 0 ? 0 : random.nextLong();
            boolean answered = random.nextBoolean();
            finished.add(txId, answered, i);
            added.add(txId);
            if (capacity > 0) {
                reference.put(txId, answered);
            }
            // an id from the last 3 × capacity adds, or one never added
            long probe = random.nextInt(4) == 0 ? random.nextLong()
                    : added.get(Math.max(0, added.size() - 1 - random.nextInt(3 * capacity + 2)));
            assertThat(finished.answered(probe)).as("id %s after %s adds", probe, i).isEqualTo(reference.get(probe));
            assertThat(finished.size()).isEqualTo(reference.size());
        }
    }

    @Test
    void forgetsIdsFinishedLongerAgoThanTheRetention() {
        FinishedTransactions finished = new FinishedTransactions(100, 10);
        finished.add(1, true, 0);
        finished.add(2, false, 5);
        finished.add(3, true, 10);
        assertThat(finished.size()).isEqualTo(3);

        finished.add(4, true, 12); // 1 finished 12 ago: gone; 2 finished 7 ago: kept
        assertThat(finished.answered(1)).isNull();
        assertThat(finished.answered(2)).isFalse();
        assertThat(finished.size()).isEqualTo(3);

        finished.add(5, true, 100);
        assertThat(finished.size()).isEqualTo(1);
        assertThat(finished.answered(5)).isTrue();
        assertThat(finished.answered(4)).isNull();
    }
}
