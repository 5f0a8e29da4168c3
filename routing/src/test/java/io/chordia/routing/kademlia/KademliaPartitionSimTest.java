package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After a partition heals, every node's table spans both sides again and lookups find the true closest nodes. */
class KademliaPartitionSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void halvesSplitForTenMinutesSpanBothSidesAgain(long seed) {
        KademliaSimulation sim = new KademliaSimulation(seed, WAN, KademliaConfig.defaults());
        for (int i = 0; i < 300; i++) {
            sim.addNode();
        }
        sim.installConverged();
        Set<Address> sideA = new HashSet<>();
        List<Address> a = new ArrayList<>();
        List<Address> b = new ArrayList<>();
        var pick = sim.streams.stream("partition");
        for (int i = 0; i < sim.size(); i++) {
            Address addr = KademliaSimulation.address(i);
            if (pick.nextBoolean()) {
                sideA.add(addr);
                a.add(addr);
            } else {
                b.add(addr);
            }
        }
        sim.network.partition(List.of(a, b));
        LookupReport during = null;
        for (int round = 0; round < 20; round++) {
            // Traffic while partitioned: the lookups find the other side's contacts dead.
            during = sim.runLookups(300, LookupStyle.ITERATIVE, 1, "during-" + round, Duration.ofMinutes(2));
            sim.runFor(Duration.ofSeconds(30));
        }
        // Half the network is out of reach: about half the lookups miss their true closest node.
        assertThat(during.exactRate()).isLessThan(0.8);

        sim.network.heal();
        // Each node probes a suspect every 10 s; without the probes this took over 200 s (seeds 1, 2).
        for (int s = 0; s < 60 && spanning(sim, sideA) < sim.size(); s++) {
            sim.runFor(Duration.ofSeconds(1));
        }
        assertThat(spanning(sim, sideA)).as("nodes whose table spans both sides 60 s after the heal").isEqualTo(sim.size());
        LookupReport after = sim.runLookups(500, LookupStyle.ITERATIVE, 1, "after", Duration.ofMinutes(2));
        assertThat(after.exactRate()).as("%s", after).isGreaterThan(0.99);
    }

    /** Nodes whose routing table holds a live (not stale) contact of the other side. */
    static int spanning(KademliaSimulation sim, Set<Address> sideA) {
        int n = 0;
        for (int i : sim.upIndices()) {
            KademliaNode node = sim.node(i);
            boolean mineA = sideA.contains(node.self().address());
            for (Contact c : node.routingTable().contacts()) {
                if (sideA.contains(c.address()) != mineA && !node.routingTable().isStale(c.id())) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
