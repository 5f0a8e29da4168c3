package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the reference it replaced: a {@code LinkedHashMap} in access order that drops its eldest past capacity. */
class PeerEstimatesTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 256})
    void keepsTheSamePeersAndNumbersAsAnAccessOrderedLinkedHashMap(int capacity) {
        Map<Address, Long> reference = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Address, Long> eldest) {
                return size() > capacity;
            }
        };
        PeerEstimates estimates = new PeerEstimates(capacity);
        SplittableRandom random = new SplittableRandom(capacity);
        int peers = capacity * 3 + 5;
        for (int step = 0; step < 200_000; step++) {
            // Equal addresses as new instances, and names beside IPv4 literals.
            int p = random.nextInt(peers);
            Address peer = new Address(p % 7 == 0 ? "host-" + p : "10.1." + (p >>> 8) + "." + (p & 0xFF), 4000 + p % 3);
            switch (random.nextInt(3)) {
                case 0 -> {
                    long value = random.nextLong();
                    reference.put(peer, value);
                    estimates.set(estimates.useOrAdd(peer), PeerEstimates.LAST, value);
                }
                case 1 -> {
                    Long expected = reference.get(peer);
                    int slot = estimates.use(peer);
                    assertThat(slot >= 0).isEqualTo(expected != null);
                    if (expected != null) {
                        assertThat(estimates.get(slot, PeerEstimates.LAST)).isEqualTo(expected);
                    }
                }
                default -> assertThat(estimates.peek(peer) >= 0).isEqualTo(reference.containsKey(peer));
            }
            assertThat(estimates.size()).isEqualTo(reference.size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 40})
    void aNewPeerStartsFromZeroEvenInAForgottenPeersSlot(int capacity) {
        PeerEstimates estimates = new PeerEstimates(capacity);
        for (int p = 0; p <= capacity; p++) {
            int slot = estimates.useOrAdd(new Address("10.2.0." + p, 4000));
            assertThat(estimates.get(slot, PeerEstimates.SAMPLES)).isZero();
            estimates.set(slot, PeerEstimates.SAMPLES, 5);
        }
        assertThat(estimates.peek(new Address("10.2.0.0", 4000))).as("the least recently used, forgotten").isNegative();
        assertThat(estimates.size()).isEqualTo(capacity);
    }
}
