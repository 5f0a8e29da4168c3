package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lookups on large simulated networks find the true closest live nodes: 10,000 nodes from a
 * converged start, a network built by joining node by node, and accelerated lookups (b = 4).
 */
class KademliaLookupSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(10), Duration.ofMillis(80)));

    private static void assertMeetsTheBar(LookupReport r, String what) {
        assertThat(r.successRate()).as("%s: %s", what, r).isEqualTo(1.0);
        assertThat(r.exactRate()).as("%s: true closest found: %s", what, r).isGreaterThanOrEqualTo(0.999);
        assertThat(r.meanKFraction()).as("%s: share of the true k closest: %s", what, r).isGreaterThanOrEqualTo(0.95);
        assertThat(r.hopsPercentile(50)).as("%s: median rounds: %s", what, r).isLessThanOrEqualTo(3);
    }

    @Test
    void tenThousandNodesFindTheTrueClosestLiveNodesInBothStyles() {
        KademliaSimulation sim = new KademliaSimulation(10_000, WAN, KademliaConfig.defaults());
        for (int i = 0; i < 10_000; i++) {
            sim.addNode();
        }
        sim.installConverged();
        LookupReport iterative = sim.runLookups(2000, LookupStyle.ITERATIVE, 1, "iterative", Duration.ofMinutes(2));
        LookupReport recursive = sim.runLookups(2000, LookupStyle.RECURSIVE, 1, "recursive", Duration.ofMinutes(2));
        System.out.println("10,000 nodes, iterative: " + iterative);
        System.out.println("10,000 nodes, recursive: " + recursive);
        assertMeetsTheBar(iterative, "iterative");
        assertMeetsTheBar(recursive, "recursive");
        // A recursive lookup costs a message per hop (plus the answer), not k + α per round.
        assertThat(recursive.meanMessages()).isLessThan(iterative.meanMessages() / 4);
        for (int i = 0; i < 10_000; i += 97) {
            BucketInvariants.check(sim.node(i));
        }
    }

    @Test
    void answeringFromACoveringLeafSetSavesTheLastHop() {
        LookupReport[] reports = new LookupReport[2];
        for (int j = 0; j < 2; j++) {
            KademliaSimulation sim = new KademliaSimulation(3000, WAN, KademliaConfig.defaults().withLeafSetShortcut(j == 1));
            for (int i = 0; i < 3000; i++) {
                sim.addNode();
            }
            sim.installConverged();
            reports[j] = sim.runLookups(500, LookupStyle.RECURSIVE, 1, "shortcut", Duration.ofMinutes(2));
            System.out.println("3,000 nodes, recursive, leaf-set shortcut " + (j == 1) + ": " + reports[j]);
            assertMeetsTheBar(reports[j], "shortcut " + (j == 1));
        }
        assertThat(reports[1].meanHops()).isLessThan(reports[0].meanHops() - 0.4);
    }

    @Test
    void aNetworkBuiltByJoiningOneByOneFindsTheTrueClosestAndKeepsExactLeafSets() {
        int n = 1000;
        KademliaSimulation sim = new KademliaSimulation(1000, WAN, KademliaConfig.defaults());
        for (int i = 0; i < n; i++) {
            sim.addNode();
        }
        sim.joinAll(0, n, Duration.ofMillis(20), Duration.ofHours(1));
        sim.runFor(Duration.ofSeconds(30));
        int exactLeaves = 0;
        long refreshes = 0;
        for (int i = 0; i < n; i++) {
            KademliaNode node = sim.node(i);
            refreshes += node.stats().bucketRefreshes();
            BucketInvariants.check(node);
            List<Contact> truth = sim.closestLive(node.self().id(), 21).subList(1, 21);
            exactLeaves += node.leafSetView().closest(20).equals(truth) ? 1 : 0;
        }
        System.out.println("1,000 joined nodes: " + exactLeaves + " exact leaf sets, " + refreshes + " bucket refreshes");
        assertThat(exactLeaves).as("nodes whose 20 nearest leaves are exactly the true 20 nearest").isGreaterThanOrEqualTo(n * 99 / 100);
        LookupReport iterative = sim.runLookups(1000, LookupStyle.ITERATIVE, 1, "iterative", Duration.ofMinutes(2));
        LookupReport recursive = sim.runLookups(1000, LookupStyle.RECURSIVE, 1, "recursive", Duration.ofMinutes(2));
        System.out.println("1,000 joined nodes, iterative: " + iterative);
        System.out.println("1,000 joined nodes, recursive: " + recursive);
        assertMeetsTheBar(iterative, "iterative");
        assertMeetsTheBar(recursive, "recursive");
    }

    @Test
    void acceleratedLookupsWithFourBitsPerHopTakeFewerRounds() {
        LookupReport[] reports = new LookupReport[2];
        int[] bits = {1, 4};
        for (int j = 0; j < 2; j++) {
            KademliaSimulation sim = new KademliaSimulation(4000, WAN, KademliaConfig.defaults().withBitsPerHop(bits[j]));
            for (int i = 0; i < 4000; i++) {
                sim.addNode();
            }
            sim.installConverged();
            reports[j] = sim.runLookups(500, LookupStyle.RECURSIVE, 1, "accelerated", Duration.ofMinutes(2));
            System.out.println("4,000 nodes, b = " + bits[j] + ", recursive: " + reports[j]);
            assertMeetsTheBar(reports[j], "b = " + bits[j]);
            BucketInvariants.check(sim.node(0));
        }
        // Each hop resolves about b more bits of the key: fewer rounds, the worst case included.
        assertThat(reports[1].meanHops()).isLessThan(0.9 * reports[0].meanHops());
        assertThat(reports[1].hopsPercentile(99)).isLessThanOrEqualTo(reports[0].hopsPercentile(99));
    }
}
