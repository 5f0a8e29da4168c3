package io.chordia.sim;

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
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.lookup.XorIterativeLookup;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.netty.TransportConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Lookups on the simulated network with every envelope passing through the real wire codec: the
 * simulator then counts real bytes, and the codec meets protocol traffic, not only fixtures.
 */
class WireCodecOnSimNetworkSimTest {
    @Test
    void lookupsWorkThroughTheWireCodecAndBytesAreCounted() {
        SimHarness sim = new SimHarness(17, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(30))));
        sim.network.useCodec(new KryoWireCodec(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES));
        RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(200));
        int n = 100;
        List<RpcEndpoint> nodes = new ArrayList<>();
        List<Contact> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Contact self = new Contact(NodeId.sha1Of("node " + i), TestIds.address(i));
            nodes.add(sim.rpcNodeOn(sim.network.attach(self.address()), self, i, config));
            all.add(self);
        }
        for (RpcEndpoint node : nodes) {
            node.register(FindNode.class, (q, ctx) -> new Nodes(XorIterativeLookup.closestByXor(all, q.target(), q.count())));
        }
        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RpcEndpoint origin = nodes.get(i);
            lookups.add(XorIterativeLookup.start(origin, NodeId.sha1Of("key " + i), List.of(all.get((i + 1) % n)), 20, 3, config));
        }
        sim.runUntil(() -> lookups.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "lookups");

        for (int i = 0; i < lookups.size(); i++) {
            NodeId target = NodeId.sha1Of("key " + i);
            List<Contact> truth = XorIterativeLookup.closestByXor(all, target, 20);
            List<Contact> found = lookups.get(i).join().closest();
            assertThat(found.get(0)).isIn(truth.subList(0, 2));
        }
        long datagrams = sim.network.stats().sent();
        assertThat(sim.network.stats().sentBytes()).isGreaterThan(datagrams * 40);
        assertThat(sim.network.stats().sentBytes() / datagrams).isLessThan(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES);
    }
}
