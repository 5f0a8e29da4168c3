package io.chordia.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProtocolProbeSimTest {
    private final SimHarness sim = new SimHarness(17, LinkConditions.ideal(Duration.ofMillis(5)));
    private final RpcConfig oneTry = RpcConfig.defaults().withTimeout(Duration.ofMillis(200)).withMaxAttempts(1);

    private Set<Protocol> probe(RpcEndpoint from, Address peer) {
        CompletableFuture<Set<Protocol>> spoken = ProtocolProbe.protocolsAt(from, peer, oneTry);
        sim.runUntil(spoken::isDone, Duration.ofSeconds(5), "probe of " + peer);
        return spoken.join();
    }

    @Test
    void tellsAChordNodeFromAKademliaNodeJoinedOrNot() {
        SimEndpoint c = sim.network.attach(TestIds.address(1));
        ChordNode chord = new ChordNode(TestIds.contact(1), c.transport(), c.scheduler(), sim.streams.stream("c"),
                ChordConfig.defaults());
        SimEndpoint k = sim.network.attach(TestIds.address(2));
        KademliaNode kademlia = new KademliaNode(TestIds.contact(2), k.transport(), k.scheduler(), sim.streams.stream("k"),
                KademliaConfig.defaults());
        RpcEndpoint asker = sim.rpcNode(3, oneTry);

        // Before it joins, the Chord node refuses GetNeighbors ("not part of the ring yet"): still Chord.
        assertThat(probe(asker, chord.self().address())).containsExactly(Protocol.CHORD);
        assertThat(probe(asker, kademlia.self().address())).containsExactly(Protocol.KADEMLIA);
        CompletableFuture<Void> joined = CompletableFuture.allOf(chord.join(List.of()), kademlia.join(List.of()));
        sim.runUntil(joined::isDone, Duration.ofSeconds(5), "joins");
        assertThat(probe(asker, chord.self().address())).containsExactly(Protocol.CHORD);
        assertThat(probe(asker, kademlia.self().address())).containsExactly(Protocol.KADEMLIA);
    }

    @Test
    void aPeerThatServesNeitherOrIsNotThereSpeaksNothingKnown() {
        RpcEndpoint asker = sim.rpcNode(1, oneTry);
        RpcEndpoint bare = sim.rpcNode(2, oneTry); // answers ping, nothing else
        assertThat(probe(asker, bare.self().address())).isEmpty();
        assertThat(probe(asker, TestIds.address(9))).isEmpty();
    }
}
