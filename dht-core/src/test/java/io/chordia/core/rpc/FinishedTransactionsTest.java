package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
        FinishedTransactions finished = new FinishedTransactions(capacity);
        Map<Long, Boolean> reference = reference(capacity);
        for (int i = 0; i < 50_000; i++) {
            // Ids from a small range recur, as a re-added id must keep its place.
            long txId = random.nextInt(3 * capacity + 5) - 2L;
            boolean answered = random.nextBoolean();
            finished.add(txId, answered);
            if (capacity > 0) {
                reference.put(txId, answered);
            }
            long probe = random.nextInt(3 * capacity + 5) - 2L;
            assertThat(finished.answered(probe)).as("id %s after %s adds", probe, i).isEqualTo(reference.get(probe));
            assertThat(finished.contains(probe)).isEqualTo(reference.containsKey(probe));
            assertThat(finished.size()).isEqualTo(reference.size());
        }
    }
}
