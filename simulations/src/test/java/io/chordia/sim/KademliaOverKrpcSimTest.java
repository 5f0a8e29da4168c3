package io.chordia.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.transport.krpc.KrpcConfig;
import io.chordia.transport.krpc.KrpcWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kademlia, unchanged, with every envelope encoded to KRPC and decoded back on the simulated
 * network: nodes join through one seed (ping, then find_node) and iterative lookups find the
 * XOR-closest node, with buckets of k = 8 as BEP 5 has them.
 */
class KademliaOverKrpcSimTest {
    @ParameterizedTest
    @ValueSource(longs = {17, 29})
    void kademliaJoinsAndLooksUpOverKrpc(long seed) {
        SimHarness sim = new SimHarness(seed, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(30))));
        // One codec for the whole network: it must remember every in-flight 9-byte id it decoded.
        sim.network.useCodec(new KrpcWireCodec(KrpcConfig.defaults().withForeignIdMemory(1 << 16)));
        KademliaConfig config = KademliaConfig.defaults().withK(KrpcConfig.K);
        List<KademliaNode> nodes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            // A subnet each: Kademlia limits contacts per subnet.
            Contact self = new Contact(NodeId.sha1Of("node " + i), new Address("10." + i + ".0.1", 6881));
            SimEndpoint e = sim.network.attach(self.address());
            nodes.add(new KademliaNode(self, e.transport(), e.scheduler(), sim.streams.stream("node", i), config));
        }
        Address seedAddress = nodes.get(0).self().address();
        sim.runUntil(nodes.get(0).join(List.of())::isDone, Duration.ofSeconds(1), "seed");
        for (int i = 1; i < nodes.size(); i++) {
            CompletableFuture<Void> joined = nodes.get(i).join(List.of(seedAddress));
            sim.runUntil(joined::isDone, Duration.ofMinutes(1), "join of node " + i);
            assertThat(joined).isCompleted().isNotCompletedExceptionally();
        }
        // A join ends once the joiner's nearest nodes have answered it; they add it after a
        // verification ping, and its self-lookup confirms the rest of its neighbourhood after.
        // The lookups below start at once, so the last joiner looks itself up once more first.
        KademliaNode last = nodes.get(nodes.size() - 1);
        CompletableFuture<LookupResult> settled = last.lookup(last.self().id(), LookupStyle.ITERATIVE);
        sim.runUntil(settled::isDone, Duration.ofMinutes(1), "the last joiner's self-lookup");

        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            lookups.add(nodes.get(i).lookup(NodeId.sha1Of("key " + i), LookupStyle.ITERATIVE));
        }
        sim.runUntil(() -> lookups.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "lookups");

        for (int i = 0; i < lookups.size(); i++) {
            NodeId key = NodeId.sha1Of("key " + i);
            NodeId closest = nodes.stream().map(n -> n.self().id()).min(Comparator.comparing(id -> id.xor(key))).orElseThrow();
            LookupResult result = lookups.get(i).join();
            assertThat(result.status()).isEqualTo(LookupResult.Status.OK);
            assertThat(result.closest().get(0).id()).as("closest to key %s", i).isEqualTo(closest);
        }
        assertThat(sim.network.stats().sent()).isGreaterThan(1000);
        assertThat(sim.network.stats().sentBytes() / sim.network.stats().sent()).isLessThan(KrpcConfig.DEFAULT_MAX_DATAGRAM_BYTES);
    }
}
