package io.chordia.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.netty.TransportConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Chord on the simulated network with every envelope passing through the real wire codec: the
 * simulator then counts real bytes, and the codec meets protocol traffic, not only fixtures.
 */
class WireCodecOnSimNetworkSimTest {
    @Test
    void chordMaintenanceAndLookupsWorkThroughTheWireCodec() {
        SimHarness sim = new SimHarness(17, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(30))));
        sim.network.useCodec(new KryoWireCodec(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES));
        List<ChordNode> nodes = new ArrayList<>();
        List<Contact> ring = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Contact self = new Contact(NodeId.sha1Of("node " + i), TestIds.address(i));
            SimEndpoint e = sim.network.attach(self.address());
            nodes.add(new ChordNode(self, e.transport(), e.scheduler(), sim.streams.stream("node", i), ChordConfig.defaults()));
            ring.add(self);
        }
        ring.sort(Comparator.comparing(Contact::id));
        nodes.forEach(n -> n.installConvergedState(ring, true));
        sim.loop.advance(Duration.ofSeconds(10));

        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lookups.add(nodes.get(i).lookup(NodeId.sha1Of("key " + i), i % 2 == 0 ? LookupStyle.ITERATIVE : LookupStyle.RECURSIVE));
        }
        sim.runUntil(() -> lookups.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "lookups");
        for (int i = 0; i < lookups.size(); i++) {
            NodeId key = NodeId.sha1Of("key " + i);
            Contact owner = ring.stream().filter(c -> c.id().compareTo(key) >= 0).findFirst().orElse(ring.get(0));
            assertThat(lookups.get(i).join().owner()).isEqualTo(owner);
        }
        long datagrams = sim.network.stats().sent();
        assertThat(datagrams).isGreaterThan(1000);
        assertThat(sim.network.stats().sentBytes()).isGreaterThan(datagrams * 40);
        assertThat(sim.network.stats().sentBytes() / datagrams).isLessThan(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES);
    }
}
