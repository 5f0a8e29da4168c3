package io.chordia.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.kademlia.RoutingTable;
import io.chordia.routing.overlay.KademliaOverlayFactory;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.sim.churn.SessionModel;
import io.chordia.sim.world.Host;
import io.chordia.sim.world.Overlay;
import io.chordia.sim.world.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The simulator's Mainline nodes are configured as the daemon's: BEP 5's k = 8 from the overlay
 * factory, whatever the scenario's Kademlia tuning says, unless {@code --k} is given.
 */
class MainlineSimParametersTest {

    @Test
    void theSimulatorsMainlineNodesHaveBucketsOfEight() {
        SimHarness sim = new SimHarness(3, LinkConditions.ideal(Duration.ofMillis(5)));
        Overlay overlay = ScenarioOverlays.of(scenario(Protocol.MAINLINE), ScenarioTuning.defaults(), StorageConfig.defaults());
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            SimEndpoint endpoint = sim.network.attach(new Address("10.0." + i + ".1", 6881));
            Host host = new Host(i, endpoint.transport(), endpoint.scheduler(), () -> {});
            peers.add(overlay.create(host, NodeId.sha1Of("node " + i), sim.streams.stream("node", i),
                    sim.streams.stream("storage", i), false));
        }
        peers.sort((a, b) -> a.node().self().id().compareTo(b.node().self().id()));
        List<CompletableFuture<Void>> installed = overlay.installConverged(peers, sim.streams.stream("converged"));
        sim.runUntil(() -> installed.stream().allMatch(CompletableFuture::isDone), Duration.ofSeconds(1), "converged");

        RoutingTable table = ((KademliaNode) peers.get(0).node()).routingTable();
        int fullest = IntStream.range(0, table.bucketSlots()).map(i -> table.bucket(i).size()).max().orElse(0);
        assertThat(table.k()).as("the daemon's k").isEqualTo(KademliaOverlayFactory.MAINLINE.defaultConfig().k()).isEqualTo(8);
        assertThat(fullest).as("a bucket with 32 candidates holds k of them").isEqualTo(8);
        assertThat(overlay.bucketSize()).isEqualTo(8);
    }

    @Test
    void anExplicitKOverridesTheProtocolsAndPlainKademliaKeepsTwenty() {
        StorageConfig storage = StorageConfig.defaults();
        assertThat(ScenarioOverlays.of(scenario(Protocol.MAINLINE), ScenarioTuning.defaults().withK(20), storage).bucketSize())
                .isEqualTo(20);
        assertThat(ScenarioOverlays.of(scenario(Protocol.KADEMLIA), ScenarioTuning.defaults(), storage).bucketSize())
                .isEqualTo(20);
        assertThat(ScenarioOverlays.of(scenario(Protocol.CHORD), ScenarioTuning.defaults(), storage).bucketSize()).isNull();
    }

    private static ScenarioConfig scenario(Protocol protocol) {
        return new ScenarioConfig(protocol, LookupStyle.ITERATIVE, 64, 1, Duration.ofMinutes(1), 0, Duration.ZERO,
                SessionModel.EXPONENTIAL, 0, 0, 3, 0, LatencySpec.parse(LatencySpec.DEFAULT), NetworkKind.SIM, 60,
                PartitionSpec.NONE);
    }
}
