package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A region's keys against a reference model, the whole network: for every key one lookup is said
 * to serve, the nodes nearest it among the lookup's answer are its true nearest nodes.
 */
class RepublishRegionsTest {
    private static final int N = 3;

    @Test
    void everyServedKeyGetsItsTrueReplicasAndEveryKeyIsServed() {
        for (KeyDistance distance : KeyDistance.values()) {
            Random random = new Random(distance.ordinal() + 15);
            List<Contact> network = contacts(random, 500);
            List<NodeId> keys = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                keys.add(NodeId.random(random));
            }
            keys.sort(null);
            int lookups = 0;
            int served = 0;
            for (int from = 0; from < keys.size(); lookups++) {
                List<Contact> found = RepublishRegions.nearest(distance, keys.get(from), network).subList(0, 20);
                int run = RepublishRegions.servedRun(distance, keys, from, found, found, N);
                assertThat(run).isPositive();
                for (int i = from; i < from + run; i++) {
                    NodeId key = keys.get(i);
                    assertThat(RepublishRegions.nearest(distance, key, found).subList(0, N))
                            .as("%s key %s", distance, key.shortId())
                            .isEqualTo(RepublishRegions.nearest(distance, key, network).subList(0, N));
                }
                served += run;
                from += run;
            }
            assertThat(served).isEqualTo(keys.size());
            // 5,000 keys over 500 nodes: ten keys a node, and a lookup's twenty nodes cover a region of several nodes.
            assertThat(lookups).as("%s lookups", distance).isLessThanOrEqualTo(keys.size() / 10);
        }
    }

    @Test
    void aKeyBeyondTheLookupsReachIsNotServed() {
        Random random = new Random(7);
        List<Contact> network = contacts(random, 200);
        NodeId anchor = NodeId.random(random);
        List<Contact> found = RepublishRegions.nearest(KeyDistance.XOR, anchor, network).subList(0, 20);
        // The key with every bit flipped is as far from the anchor as any key can be.
        NodeId far = anchor.xor(NodeId.MAX);
        assertThat(RepublishRegions.serves(KeyDistance.XOR, anchor, found, found, far, N)).isFalse();
        assertThat(RepublishRegions.serves(KeyDistance.XOR, anchor, found, found.subList(0, N - 1), anchor, N)).isFalse();
    }

    private static List<Contact> contacts(Random random, int n) {
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Contact(NodeId.random(random), new Address("10.0." + (i >>> 8) + "." + (i & 0xFF), 4000)));
        }
        return out;
    }
}
