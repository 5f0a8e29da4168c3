package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The IPTPS02 profile runs the paper's protocol on our node: none of our extras, a full bucket
 * that pings its head for each newcomer and evicts it only when it fails, α = 3. Each check is
 * shown to tell the profile from ours.
 */
class KademliaProfileSimTest {
    private static final LinkConditions LINK = LinkConditions.ideal(Duration.ofMillis(10));

    private static KademliaConfig fast(KademliaProfile profile) {
        return profile.applyTo(KademliaConfig.defaults().withRpc(RpcConfig.defaults().withTimeout(Duration.ofMillis(100))
                .withMaxAttempts(2)).withLookupTimeout(Duration.ofMillis(100)).withHopTimeout(Duration.ofMillis(100)));
    }

    @Test
    void thePapersProfileHasThePapersParametersAndNoneOfOurExtras() {
        assertThat(KademliaProfile.IMPROVED.config()).isEqualTo(KademliaConfig.defaults());
        // Every extra of ours but the opt-in confirmation widening (see KademliaExtra.WIDE_CONFIRMATION).
        assertThat(KademliaConfig.defaults().extras())
                .isEqualTo(EnumSet.complementOf(EnumSet.of(KademliaExtra.WIDE_CONFIRMATION)));
        KademliaConfig paper = KademliaProfile.IPTPS02.config();
        assertThat(paper.extras()).isEmpty();
        assertThat(paper.k()).isEqualTo(20);
        assertThat(paper.alpha()).isEqualTo(3);
        assertThat(paper.bitsPerHop()).isEqualTo(1);
        assertThat(paper.disjointPaths()).isEqualTo(1);
        assertThat(paper.contactFreshness()).isZero();
        assertThat(paper.bucketRefreshInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(paper.maxPerSubnet()).isGreaterThanOrEqualTo(paper.k());
        assertThat(paper.replacementCacheSize()).isEqualTo(1);
        assertThat(KademliaProfile.IPTPS02.faithful()).isTrue();
        assertThat(KademliaProfile.IMPROVED.faithful()).isFalse();
    }

    /** §2.1: a newcomer to a full bucket is discarded if the head answers a ping, and takes its place if not. */
    @Test
    void aFullBucketPingsItsHeadForEachNewcomerAndEvictsItOnlyIfItFails() {
        KademliaConfig config = fast(KademliaProfile.IPTPS02).withK(2);
        KademliaSimulation sim = new KademliaSimulation(6, LINK, config);
        int a = sim.addNode(NodeId.fromHex("8000000000000000000000000000000000000000"), config);
        int b = sim.addNode(NodeId.fromHex("1000000000000000000000000000000000000000"), config);
        int c = sim.addNode(NodeId.fromHex("2000000000000000000000000000000000000000"), config);
        int d = sim.addNode(NodeId.fromHex("3000000000000000000000000000000000000000"), config);
        KademliaNode node = sim.node(a);
        node.installContacts(List.of(sim.node(b).self(), sim.node(c).self()));
        for (int i : List.of(b, c, d)) {
            sim.node(i).installContacts(List.of(node.self()));
        }
        NodeId far = NodeId.fromHex("9000000000000000000000000000000000000000");
        await(sim, sim.node(d).lookup(far, LookupStyle.ITERATIVE));
        sim.runFor(Duration.ofSeconds(2));
        // d's request put it straight to the full bucket (no verification ping); b, the head, answered and stays.
        assertThat(node.stats().verificationPings()).isZero();
        assertThat(node.stats().leastRecentPings()).isEqualTo(1);
        assertThat(node.routingTable().bucket(0)).containsExactly(sim.node(c).self(), sim.node(b).self());

        sim.crash(c);
        int e = sim.addNode(NodeId.fromHex("0800000000000000000000000000000000000000"), config);
        sim.node(e).installContacts(List.of(node.self()));
        await(sim, sim.node(e).lookup(far, LookupStyle.ITERATIVE));
        sim.runFor(Duration.ofSeconds(2));
        // c, the head now, failed its ping: out, and the newcomer e at the tail.
        assertThat(node.stats().leastRecentEvicted()).isEqualTo(1);
        assertThat(node.routingTable().bucket(0)).containsExactly(sim.node(b).self(), sim.node(e).self());
        assertThat(node.stats().verificationPings()).isZero();
        BucketInvariants.check(node);
    }

    @Test
    void thePapersNodesNeitherProbeSuspectsNorLookUpTheirOwnIdPeriodically() {
        assertThat(maintenanceAfterFailures(KademliaProfile.IPTPS02)).containsExactly(0L, 0L);
        long[] ours = maintenanceAfterFailures(KademliaProfile.IMPROVED);
        assertThat(ours[0]).as("suspect probes").isPositive();
        assertThat(ours[1]).as("self lookups").isPositive();
    }

    /** Suspect probes and self lookups of the survivors in 10 minutes after a quarter of 40 nodes crashed. */
    private static long[] maintenanceAfterFailures(KademliaProfile profile) {
        KademliaConfig config = fast(profile).withMaintenancePeriod(Duration.ofSeconds(10))
                .withLeafSetRefreshInterval(Duration.ofMinutes(1));
        KademliaSimulation sim = new KademliaSimulation(12, LINK, config);
        for (int i = 0; i < 40; i++) {
            sim.addNode();
        }
        sim.installConverged();
        for (int i = 0; i < 10; i++) {
            sim.crash(i);
        }
        long[] before = new long[2];
        for (int i = 10; i < 40; i++) {
            before[1] += sim.node(i).stats().selfLookups();
        }
        sim.runLookups(100, LookupStyle.ITERATIVE, 1, "after crashes", Duration.ofMinutes(1));
        sim.runFor(Duration.ofMinutes(10));
        long[] after = new long[2];
        for (int i = 10; i < 40; i++) {
            after[0] += sim.node(i).stats().suspectProbes();
            after[1] += sim.node(i).stats().selfLookups();
        }
        return new long[] {after[0], after[1] - before[1]};
    }

    @Test
    void thePapersLookupsStillFindTheClosestNodesOfAConvergedNetwork() {
        KademliaSimulation sim = new KademliaSimulation(13, LINK, fast(KademliaProfile.IPTPS02));
        for (int i = 0; i < 200; i++) {
            sim.addNode();
        }
        sim.installConverged();
        LookupReport report = sim.runLookups(200, LookupStyle.ITERATIVE, 1, "converged", Duration.ofMinutes(5));
        assertThat(report.exactRate()).isEqualTo(1.0);
    }

    private static <T> T await(KademliaSimulation sim, CompletableFuture<T> f) {
        sim.runUntil(f::isDone, Duration.ofMinutes(2), "future");
        return f.join();
    }
}
