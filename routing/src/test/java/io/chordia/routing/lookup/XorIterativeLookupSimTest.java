package io.chordia.routing.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XorIterativeLookupSimTest {
    private static final int N = 400;
    private static final int K = 8;

    /** Nodes with a bucket-like table built from the global view: up to 3 contacts per shared-prefix length. */
    private static Map<NodeId, List<Contact>> tables(List<Contact> all) {
        Map<NodeId, List<Contact>> tables = new HashMap<>();
        for (Contact self : all) {
            int[] perBucket = new int[NodeId.BITS + 1];
            List<Contact> table = new ArrayList<>();
            for (Contact other : all) {
                int b = self.id().commonPrefixLength(other.id());
                if (b < NodeId.BITS && perBucket[b]++ < 3) {
                    table.add(other);
                }
            }
            tables.put(self.id(), table);
        }
        return tables;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void findsTheTrueClosestNodesWithLossyLinks(long seed) {
        SimHarness sim = new SimHarness(seed, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(50)))
                .withLoss(0.02));
        RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(200)).withMaxAttempts(2);
        List<RpcEndpoint> nodes = new ArrayList<>();
        List<Contact> all = new ArrayList<>();
        RandomGenerator ids = sim.streams.stream("ids");
        for (int i = 0; i < N; i++) {
            Contact self = new Contact(NodeId.random(ids), TestIds.address(i));
            RpcEndpoint node = sim.rpcNodeOn(sim.network.attach(self.address()), self, i, config);
            nodes.add(node);
            all.add(self);
        }
        Map<NodeId, List<Contact>> tables = tables(all);
        for (RpcEndpoint node : nodes) {
            List<Contact> table = tables.get(node.self().id());
            node.register(FindNode.class, (q, ctx) -> new Nodes(XorIterativeLookup.closestByXor(table, q.target(), q.count())));
        }

        RandomGenerator workload = sim.streams.stream("workload");
        int lookups = 200;
        List<NodeId> targets = new ArrayList<>();
        List<CompletableFuture<LookupResult>> results = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            RpcEndpoint origin = nodes.get(workload.nextInt(N));
            NodeId target = NodeId.random(workload);
            targets.add(target);
            List<Contact> seeds = XorIterativeLookup.closestByXor(tables.get(origin.self().id()), target, 3);
            results.add(XorIterativeLookup.start(origin, target, seeds, K, 3, config));
        }
        sim.runUntil(() -> results.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "lookups");

        int exact = 0;
        double hops = 0;
        for (int i = 0; i < lookups; i++) {
            LookupResult r = results.get(i).join();
            assertThat(r.status()).isEqualTo(LookupResult.Status.OK);
            List<Contact> truth = XorIterativeLookup.closestByXor(all, targets.get(i), K);
            exact += r.closest().get(0).equals(truth.get(0)) ? 1 : 0;
            hops += r.hops();
            assertThat(r.messages()).isGreaterThanOrEqualTo(r.path().size());
        }
        assertThat(exact).as("lookups that found the true closest node").isGreaterThanOrEqualTo(lookups * 98 / 100);
        assertThat(hops / lookups).isBetween(1.0, 6.0);
    }

    @Test
    void aLookupWithNoLiveSeedFails() {
        SimHarness sim = new SimHarness(3, LinkConditions.ideal(Duration.ofMillis(5)));
        RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(100)).withMaxAttempts(1);
        RpcEndpoint origin = sim.rpcNode(0, config);
        sim.network.attach(TestIds.address(1)).crash();
        CompletableFuture<LookupResult> r = XorIterativeLookup.start(origin, TestIds.id(5), List.of(TestIds.contact(1)), K, 3, config);
        sim.runUntil(r::isDone, Duration.ofSeconds(5), "lookup");
        assertThat(r.join().status()).isEqualTo(LookupResult.Status.FAILED);
        assertThat(r.join().closest()).isEmpty();
        assertThat(r.join().messages()).isEqualTo(1);
    }
}
