package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.NextHop;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A node's address lives in its RPC endpoint: once it changes there, Chord hands out the new one
 * where it names itself (its answers and its own lookups); the id stays.
 */
class ChordAddressChangeSimTest {
    private static final Address ADVERTISED = new Address("203.0.113.5", 4000);

    @Test
    void afterTheEndpointAdoptsAnAddressTheNodeNamesItselfByIt() {
        ChordSim sim = new ChordSim(3, LinkConditions.ideal(Duration.ofMillis(5)), ChordConfig.defaults());
        List<ChordNode> ring = sim.convergedRing(5, true);
        ChordNode node = ring.get(0);
        Contact before = node.self();
        node.rpc().scheduler().execute(() -> node.rpc().adoptAddress(ADVERTISED, "test"));
        sim.run(Duration.ofMillis(1));
        Contact now = new Contact(before.id(), ADVERTISED);
        assertThat(node.self()).isEqualTo(now);

        // Its answer to a lookup of its own id names it by the new address.
        ChordNode asker = ring.get(1);
        CompletableFuture<NextHop> answer = asker.rpc().call(before, new FindSuccessor(before.id()));
        sim.sim.runUntil(answer::isDone, Duration.ofSeconds(5), "answer");
        assertThat(answer.join().done()).isTrue();
        assertThat(answer.join().nodes().get(0)).isEqualTo(now);
        CompletableFuture<LookupResult> local = node.lookup(before.id(), LookupStyle.ITERATIVE);
        sim.sim.runUntil(local::isDone, Duration.ofSeconds(5), "lookup");
        assertThat(local.join().owner()).isEqualTo(now);

    }
}
