package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Kademlia reads its own contact from the RPC endpoint: a changed address shows in what it hands out. */
class KademliaAddressChangeSimTest {
    private static final Address ADVERTISED = new Address("203.0.113.5", 4000);

    @Test
    void afterTheEndpointAdoptsAnAddressTheNodeNamesItselfByIt() {
        KademliaSimulation sim = new KademliaSimulation(3, LinkConditions.ideal(Duration.ofMillis(5)), KademliaConfig.defaults());
        for (int i = 0; i < 8; i++) {
            sim.addNode();
        }
        sim.installConverged();
        KademliaNode node = sim.node(0);
        Contact before = node.self();
        node.rpc().scheduler().execute(() -> node.rpc().adoptAddress(ADVERTISED, "test"));
        sim.runFor(Duration.ofMillis(1));
        Contact now = new Contact(before.id(), ADVERTISED);
        assertThat(node.self()).isEqualTo(now);
        for (LookupStyle style : LookupStyle.values()) {
            CompletableFuture<LookupResult> own = node.lookup(before.id(), style);
            sim.runUntil(own::isDone, Duration.ofSeconds(10), style + " lookup");
            assertThat(own.join().closest()).as("%s lookup", style).contains(now).doesNotContain(before);
        }
    }
}
