package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XorSortedArrayTest {
    /** Against a TreeMap ordered by the same XOR comparison: same lookups, same order, same replaced values. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithASortedMapByXorDistance(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NodeId target = NodeId.random(random);
        XorSortedArray<Integer> array = new XorSortedArray<>(target);
        TreeMap<NodeId, Integer> model = new TreeMap<>(target::compareXorDistances);
        List<NodeId> seen = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Repeats, and ids sharing long prefixes with the target, as a lookup's replies bring.
            NodeId id = !seen.isEmpty() && random.nextInt(4) == 0 ? seen.get(random.nextInt(seen.size()))
                    : random.nextBoolean() ? NodeId.random(random) : target.xor(NodeId.of(0, 0, random.nextInt(1 << 12)));
            seen.add(id);
            assertThat(array.get(id)).isEqualTo(model.get(id));
            assertThat(array.put(id, i)).isEqualTo(model.put(id, i));
            assertThat(array.size()).isEqualTo(model.size());
        }
        List<Integer> inOrder = new ArrayList<>();
        array.values().forEach(inOrder::add);
        assertThat(inOrder).containsExactlyElementsOf(model.values());
    }
}
