package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongKeyedMapTest {
    @ParameterizedTest
    @ValueSource(ints = {4, 64, 5000})
    void agreesWithAHashMapOverRandomOperations(int keySpace) {
        // A small key space makes long probe runs and many removals inside them: where backward shift goes wrong.
        SplittableRandom random = new SplittableRandom(keySpace);
        LongKeyedMap<String> map = new LongKeyedMap<>();
        Map<Long, String> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = keyOf(random.nextInt(keySpace));
            switch (random.nextInt(4)) {
                case 0, 1 -> assertThat(map.put(key, "v" + i)).isEqualTo(reference.put(key, "v" + i));
                case 2 -> assertThat(map.remove(key)).isEqualTo(reference.remove(key));
                default -> {
                    assertThat(map.get(key)).isEqualTo(reference.get(key));
                    assertThat(map.containsKey(key)).isEqualTo(reference.containsKey(key));
                }
            }
            assertThat(map.size()).isEqualTo(reference.size());
        }
        List<String> values = new ArrayList<>();
        map.forEachValue(values::add);
        assertThat(values).containsExactlyInAnyOrderElementsOf(reference.values());
    }

    @Test
    void removedKeysAreGoneAndTheOthersStayAcrossGrowthAndClear() {
        LongKeyedMap<Long> map = new LongKeyedMap<>();
        for (long k = 0; k < 4; k++) {
            map.put(k << 32, k);
            map.put(-k, -k);
        }
        map.remove(1L << 32);
        map.remove(0L);
        for (long k = 2; k < 4; k++) {
            assertThat(map.get(k << 32)).isEqualTo(k);
            assertThat(map.get(-k)).isEqualTo(-k);
        }
        assertThat(map.get(1L << 32)).isNull();
        assertThat(map.containsKey(0L)).isFalse();
        map.clear();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get(3L << 32)).isNull();
    }

    /** Edge values (0, -1, extremes) among random ones. */
    private static long keyOf(int i) {
        return switch (i % 4) {
            case 0 -> i;
            case 1 -> -i;
            case 2 -> Long.MIN_VALUE + i;
            default -> (long) i * 0x9E3779B97F4A7C15L;
        };
    }
}
