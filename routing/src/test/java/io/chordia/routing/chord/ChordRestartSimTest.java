package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A node killed and restarted at once with its old id and address (what {@code chordia node} does
 * on its data directory) is back on its socket before the ring has noticed it died, and is then
 * slow to join (its bootstrap node is gone). While it is not part of the ring it must not be taken
 * for its old self: its neighbours keep their successor lists, and it rejoins.
 */
class ChordRestartSimTest {
    @Test
    void aNodeRestartedWithItsOldIdRejoinsWithoutCollapsingItsNeighboursSuccessorLists() {
        ChordSim chord = new ChordSim(11, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(20))),
                ChordConfig.defaults());
        List<ChordNode> nodes = chord.convergedRing(chord.config.successorListLength() + 4, true);
        chord.run(Duration.ofSeconds(5));
        ChordNode victim = nodes.get(3);
        chord.crash(victim);
        SimEndpoint endpoint = chord.sim.network.endpoint(victim.self().address());
        endpoint.restart();
        ChordNode reborn = new ChordNode(victim.self(), endpoint.transport(), endpoint.scheduler(),
                chord.sim.streams.stream("reborn"), chord.config);

        // Up on its old address but not joined, for longer than eviction would take.
        chord.run(Duration.ofSeconds(10));
        assertThat(RingInvariants.violations(chord.liveNodes())).isEmpty();

        CompletableFuture<Void> joined = reborn.join(List.of(nodes.get(0).self().address()));
        chord.sim.runUntil(joined::isDone, Duration.ofMinutes(1), "rejoin");
        assertThat(joined).isCompleted();
        chord.live.put(reborn.self().id(), reborn);
        chord.run(Duration.ofSeconds(30));
        assertThat(RingInvariants.violations(chord.liveNodes())).isEmpty();
        assertThat(RingInvariants.idealViolations(chord.liveNodes())).isEmpty();
    }
}
