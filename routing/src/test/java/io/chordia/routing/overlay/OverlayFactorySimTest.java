package io.chordia.routing.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.Protocol;
import io.chordia.routing.ProtocolProbe;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.kademlia.KademliaConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OverlayFactorySimTest {
    private final SimHarness sim = new SimHarness(23, LinkConditions.ideal(Duration.ofMillis(5)));
    private final RpcConfig oneTry = RpcConfig.defaults().withTimeout(Duration.ofMillis(200)).withMaxAttempts(1);

    private OverlayNode joinedAlone(Protocol protocol, int n) {
        SimEndpoint e = sim.network.attach(TestIds.address(n));
        OverlayNode node = protocol.overlay().newNode(TestIds.contact(n), e.transport(), e.scheduler(),
                sim.streams.stream("node", n));
        CompletableFuture<Void> joined = node.join(List.of());
        sim.runUntil(joined::isDone, Duration.ofSeconds(5), "join");
        return node;
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aBuiltNodeAnswersItsOwnProtocolsProbeAndNoOther(Protocol protocol) {
        OverlayNode node = joinedAlone(protocol, 1);
        RpcEndpoint asker = sim.rpcNode(2, oneTry);

        CompletableFuture<Set<Protocol>> spoken = ProtocolProbe.protocolsAt(asker, node.self().address(), oneTry);
        sim.runUntil(spoken::isDone, Duration.ofSeconds(5), "probe");

        // A Mainline node is a Kademlia node that also tracks swarms; on a real network their wires differ.
        Set<Protocol> expected = protocol == Protocol.MAINLINE ? Set.of(Protocol.KADEMLIA, Protocol.MAINLINE) : Set.of(protocol);
        assertThat(spoken.join()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void placementRanksKeysAsTheProtocolDoesAndTheViewReadsTheNode(Protocol protocol) {
        OverlayNode node = joinedAlone(protocol, 1);
        OverlayFactory<?> overlay = protocol.overlay();

        assertThat(overlay.placement(node).distance()).isEqualTo(overlay.keyDistance());
        CompletableFuture<OverlayView.Snapshot> read = overlay.view(node).snapshot();
        sim.runUntil(read::isDone, Duration.ofSeconds(1), "snapshot");
        // Alone in its network: nobody else to know, and the node never lists itself.
        assertThat(read.join().contacts()).isEmpty();
        assertThat(read.join().leafSet()).isEmpty();
        assertThat(read.join().summary()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theShapeLaysOutTheSameContactsByRole(Protocol protocol) {
        OverlayNode first = joinedAlone(protocol, 1);
        for (int n = 2; n <= 4; n++) {
            joinedThrough(protocol, n, first);
        }
        sim.loop.advance(Duration.ofSeconds(30));
        CompletableFuture<OverlayView.Snapshot> read = protocol.overlay().view(first).snapshot();
        sim.runUntil(read::isDone, Duration.ofSeconds(1), "snapshot");
        OverlayView.Snapshot s = read.join();
        RoutingShape shape = s.shape();

        if (protocol == Protocol.CHORD) {
            assertThat(shape.bucketSizes()).isEmpty();
            assertThat(shape.successors()).isNotEmpty().doesNotContain(first.self());
            assertThat(shape.fingers()).doesNotContain(first.self());
            List<io.chordia.core.net.Contact> byRole = new java.util.ArrayList<>(shape.successors());
            byRole.addAll(shape.predecessors());
            byRole.addAll(shape.fingers());
            assertThat(byRole).containsAll(s.contacts());
            assertThat(s.contacts()).containsAll(byRole);
        } else {
            assertThat(shape.successors()).isEmpty();
            assertThat(shape.bucketSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(s.contacts().size());
            assertThat(shape.bucketSizes().get(shape.bucketSizes().size() - 1)).isPositive();
        }
    }

    private void joinedThrough(Protocol protocol, int n, OverlayNode seed) {
        SimEndpoint e = sim.network.attach(TestIds.address(n));
        OverlayNode node = protocol.overlay().newNode(TestIds.contact(n), e.transport(), e.scheduler(),
                sim.streams.stream("node", n));
        CompletableFuture<Void> joined = node.join(List.of(seed.self().address()));
        sim.runUntil(joined::isDone, Duration.ofSeconds(5), "join");
    }

    @Test
    void anotherProtocolsNodeIsRefusedNotMisread() {
        OverlayNode chord = joinedAlone(Protocol.CHORD, 1);
        OverlayNode kademlia = joinedAlone(Protocol.KADEMLIA, 2);

        assertThatThrownBy(() -> Protocol.KADEMLIA.overlay().view(chord)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Kademlia node");
        assertThatThrownBy(() -> Protocol.CHORD.overlay().placement(kademlia))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Chord node");
    }

    @Test
    void boundsCapKademliasBucketsAndEachProtocolsMaintenanceCalls() {
        NodeBounds bounds = new NodeBounds(8, 100);

        KademliaConfig kademlia = KademliaOverlayFactory.INSTANCE.bounded(KademliaConfig.defaults(), bounds);
        ChordConfig chord = ChordOverlayFactory.INSTANCE.bounded(ChordConfig.defaults(), bounds);

        assertThat(kademlia.k()).isEqualTo(8);
        assertThat(kademlia.rpc().maxPendingCalls()).isEqualTo(100);
        assertThat(kademlia.withK(20).withRpc(KademliaConfig.defaults().rpc())).isEqualTo(KademliaConfig.defaults());
        assertThat(chord.maintenanceRpc().maxPendingCalls()).isEqualTo(100);
        assertThat(chord.withMaintenanceRpc(ChordConfig.defaults().maintenanceRpc())).isEqualTo(ChordConfig.defaults());
    }

    @Test
    void boundsNeverLiftAMainlineNodeAboveBep5sK() {
        NodeBounds bootstrapLimits = new NodeBounds(20, 100);

        assertThat(KademliaOverlayFactory.MAINLINE.bounded(KademliaOverlayFactory.MAINLINE.defaultConfig(),
                bootstrapLimits).k()).isEqualTo(8);
        assertThat(KademliaOverlayFactory.MAINLINE.bounded(KademliaConfig.defaults(), new NodeBounds(4, 100)).k())
                .isEqualTo(4);
        assertThat(KademliaOverlayFactory.INSTANCE.bounded(KademliaConfig.defaults(), bootstrapLimits).k()).isEqualTo(20);
    }

    @Test
    void eachProtocolHasItsOwnFactoryAndProbe() {
        assertThat(Arrays.stream(Protocol.values()).map(Protocol::overlay).distinct()).hasSize(Protocol.values().length);
        assertThat(Arrays.stream(Protocol.values()).map(p -> p.overlay().probe(TestIds.id(1)).getClass()).distinct())
                .hasSize(Protocol.values().length);
    }
}
