package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** One Kademlia node's behaviour on small simulated networks. */
class KademliaNodeTest {
    private static final LinkConditions LINK = LinkConditions.ideal(Duration.ofMillis(10));

    private static KademliaConfig fast() {
        return KademliaConfig.defaults().withRpc(RpcConfig.defaults().withTimeout(Duration.ofMillis(100)).withMaxAttempts(2))
                .withLookupTimeout(Duration.ofMillis(100)).withHopTimeout(Duration.ofMillis(100));
    }

    private static KademliaSimulation joined(long seed, int n, KademliaConfig config) {
        KademliaSimulation sim = new KademliaSimulation(seed, LINK, config);
        for (int i = 0; i < n; i++) {
            sim.addNode();
        }
        sim.joinAll(0, n, Duration.ofMillis(50), Duration.ofMinutes(5));
        sim.runFor(Duration.ofSeconds(5));
        return sim;
    }

    private static <T> T await(KademliaSimulation sim, CompletableFuture<T> f) {
        sim.runUntil(f::isDone, Duration.ofMinutes(2), "future");
        return f.join();
    }

    @Test
    void aLoneNodeIsResponsibleForEverything() {
        KademliaSimulation sim = new KademliaSimulation(1, LINK, fast());
        KademliaNode node = sim.node(sim.addNode());
        await(sim, node.join(List.of()));
        for (LookupStyle style : LookupStyle.values()) {
            LookupResult r = await(sim, node.lookup(NodeId.sha1Of("key"), style));
            assertThat(r.succeeded()).isTrue();
            assertThat(r.closest()).containsExactly(node.self());
            assertThat(r.hops()).isZero();
            assertThat(r.messages()).isZero();
        }
        assertThat(await(sim, node.leafSet(4))).isEmpty();
    }

    @Test
    void joiningFailsWhenNoBootstrapNodeAnswers() {
        KademliaSimulation sim = new KademliaSimulation(2, LINK, fast());
        KademliaNode node = sim.node(sim.addNode());
        CompletableFuture<Void> join = node.join(List.of(new Address("10.250.0.1", 4000), new Address("10.250.0.2", 4000)));
        sim.runUntil(join::isDone, Duration.ofMinutes(1), "join");
        assertThat(join).isCompletedExceptionally();
        try {
            join.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessageContaining("no bootstrap node answered");
        }
        assertThat(node.isJoined()).isFalse();
    }

    @Test
    void inASmallNetworkEveryNodeLearnsEveryOtherAndItsLeafSetIsExact() {
        int n = 18;
        KademliaSimulation sim = joined(3, n, fast());
        List<Contact> all = sim.liveContacts();
        for (int i = 0; i < n; i++) {
            KademliaNode node = sim.node(i);
            assertThat(node.isJoined()).isTrue();
            List<Contact> others = new ArrayList<>(all);
            others.remove(node.self());
            // Joiners learn from their lookups; the others learn joiners by verifying their requests.
            assertThat(node.routingTable().contacts()).containsExactlyInAnyOrderElementsOf(others);
            assertThat(await(sim, node.leafSet(4))).isEqualTo(IdOrder.closestDistinct(others, node.self().id(), 8));
            BucketInvariants.check(node);
            assertThat(node.stats().verificationPings()).isPositive();
        }
    }

    @Test
    void aForgedSenderIsVerifiedAtTheSourceAddressAndNeverEntersTheTable() {
        KademliaSimulation sim = joined(4, 5, fast());
        KademliaNode victim = sim.node(0);
        SimEndpoint attacker = sim.network.attach(new Address("10.66.0.1", 4000));
        RpcEndpoint attackerRpc = new RpcEndpoint(new Contact(NodeId.sha1Of("attacker"), attacker.address()),
                attacker.transport(), attacker.scheduler(), new SplittableRandom(9), RpcConfig.defaults());
        NodeId claimed = victim.self().id().xor(NodeId.of(0, 0, 77)); // would be a leaf: worth verifying
        Contact forged = new Contact(claimed, new Address("10.77.0.1", 4000));
        long before = victim.stats().verificationFailures();
        attacker.transport().send(new Envelope(1, forged, victim.self().address(), new FindNode(claimed, 20)));
        sim.runFor(Duration.ofSeconds(2));
        // The ping went to where the request came from and was answered by another id.
        assertThat(victim.stats().verificationFailures()).isEqualTo(before + 1);
        assertThat(victim.routingTable().contains(claimed)).isFalse();
        assertThat(victim.leafSetView().contains(claimed)).isFalse();
        assertThat(attackerRpc.stats().requestsServed()).isEqualTo(1);
    }

    @Test
    void aContactWhoseAddressAnswersWithAnotherIdIsEvicted() {
        KademliaSimulation sim = joined(5, 10, fast());
        KademliaNode a = sim.node(0);
        Contact old = sim.node(3).self();
        assertThat(a.routingTable().contains(old.id())).isTrue();
        sim.crash(3);
        sim.restart(3); // same address, new id
        Contact reborn = sim.node(3).self();
        assertThat(reborn.address()).isEqualTo(old.address());
        await(sim, sim.node(3).join(List.of(sim.node(1).self().address())));
        // A lookup near the old id asks the old contact; its address answers as someone else.
        LookupResult r = await(sim, a.lookup(old.id(), LookupStyle.ITERATIVE));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.closest()).doesNotContain(old);
        assertThat(a.routingTable().contains(old.id())).isFalse();
        assertThat(a.leafSetView().contains(old.id())).isFalse();
        assertThat(a.stats().mismatchesEvicted()).isPositive();
        BucketInvariants.check(a);
    }

    @Test
    void theLeastRecentlySeenContactIsEvictedOnlyAfterItFailsAPing() {
        KademliaConfig config = fast().withK(2).withContactFreshness(Duration.ZERO);
        KademliaSimulation sim = new KademliaSimulation(6, LINK, config);
        NodeId self = NodeId.fromHex("8000000000000000000000000000000000000000");
        int a = sim.addNode(self, config);
        // Three nodes in a's bucket 0 (first bit 0), one deeper.
        int b = sim.addNode(NodeId.fromHex("1000000000000000000000000000000000000000"), config);
        int c = sim.addNode(NodeId.fromHex("2000000000000000000000000000000000000000"), config);
        int d = sim.addNode(NodeId.fromHex("3000000000000000000000000000000000000000"), config);
        KademliaNode node = sim.node(a);
        node.installContacts(List.of(sim.node(b).self(), sim.node(c).self()));
        for (int i : List.of(b, c, d)) {
            sim.node(i).installContacts(List.of(node.self()));
        }
        // d asks a something: a verifies d, finds bucket 0 full, caches d, pings b (least recently seen).
        CompletableFuture<LookupResult> r = sim.node(d).lookup(NodeId.fromHex("9000000000000000000000000000000000000000"),
                LookupStyle.ITERATIVE);
        await(sim, r);
        sim.runFor(Duration.ofSeconds(2));
        assertThat(node.routingTable().bucket(0)).containsExactly(sim.node(c).self(), sim.node(b).self());
        assertThat(node.routingTable().replacements(0)).containsExactly(sim.node(d).self());
        assertThat(node.stats().leastRecentPings()).isEqualTo(1);
        assertThat(node.stats().leastRecentEvicted()).isZero();

        // Now c (least recently seen) is dead: the next newcomer's arrival evicts it for the cached d.
        sim.crash(c);
        int e = sim.addNode(NodeId.fromHex("0800000000000000000000000000000000000000"), config);
        sim.node(e).installContacts(List.of(node.self()));
        await(sim, sim.node(e).lookup(NodeId.fromHex("9000000000000000000000000000000000000000"), LookupStyle.ITERATIVE));
        sim.runFor(Duration.ofSeconds(2));
        assertThat(node.stats().leastRecentEvicted()).isEqualTo(1);
        assertThat(node.routingTable().bucket(0)).containsExactly(sim.node(b).self(), sim.node(e).self());
        BucketInvariants.check(node);
    }

    @Test
    void aStaleContactIsReplacedFromTheReplacementCache() {
        KademliaConfig config = fast().withK(2).withStaleAfterFailures(2).without(KademliaExtra.PROMPT_REPLACEMENT);
        KademliaSimulation sim = new KademliaSimulation(7, LINK, config);
        int a = sim.addNode(NodeId.fromHex("8000000000000000000000000000000000000000"), config);
        int b = sim.addNode(NodeId.fromHex("1000000000000000000000000000000000000000"), config);
        int c = sim.addNode(NodeId.fromHex("2000000000000000000000000000000000000000"), config);
        int d = sim.addNode(NodeId.fromHex("3000000000000000000000000000000000000000"), config);
        KademliaNode node = sim.node(a);
        // b and c in the bucket, d cached (installed last, bucket full, "answered" b's ping).
        node.installContacts(List.of(sim.node(b).self(), sim.node(c).self(), sim.node(d).self()));
        assertThat(node.routingTable().replacements(0)).containsExactly(sim.node(d).self());
        sim.crash(b);
        NodeId nearB = NodeId.fromHex("1000000000000000000000000000000000000001");
        await(sim, node.lookup(nearB, LookupStyle.ITERATIVE));
        assertThat(node.routingTable().failures(sim.node(b).self().id())).isEqualTo(1);
        await(sim, node.lookup(nearB, LookupStyle.ITERATIVE));
        assertThat(node.routingTable().contains(sim.node(b).self().id())).isFalse();
        assertThat(node.routingTable().bucket(0)).contains(sim.node(d).self());
        assertThat(node.stats().staleMarked()).isEqualTo(1);
        assertThat(node.stats().staleReplaced()).isEqualTo(1);
        BucketInvariants.check(node);
    }

    @Test
    void aContactThatMissesOneLookupRequestMakesWayForACachedReplacement() {
        KademliaConfig config = fast().withK(2).withStaleAfterFailures(2);
        KademliaSimulation sim = new KademliaSimulation(7, LINK, config);
        int a = sim.addNode(NodeId.fromHex("8000000000000000000000000000000000000000"), config);
        int b = sim.addNode(NodeId.fromHex("1000000000000000000000000000000000000000"), config);
        int c = sim.addNode(NodeId.fromHex("2000000000000000000000000000000000000000"), config);
        int d = sim.addNode(NodeId.fromHex("3000000000000000000000000000000000000000"), config);
        KademliaNode node = sim.node(a);
        node.installContacts(List.of(sim.node(b).self(), sim.node(c).self(), sim.node(d).self()));
        sim.crash(b);
        await(sim, node.lookup(NodeId.fromHex("1000000000000000000000000000000000000001"), LookupStyle.ITERATIVE));
        assertThat(node.routingTable().contains(sim.node(b).self().id())).isFalse();
        assertThat(node.routingTable().bucket(0)).containsExactlyInAnyOrder(sim.node(c).self(), sim.node(d).self());
        assertThat(node.stats().staleMarked()).isZero();
        assertThat(node.stats().staleReplaced()).isEqualTo(1);
        BucketInvariants.check(node);
    }

    /**
     * Under fast churn a bootstrap node's contacts in a far bucket are mostly departed; when all
     * the nodes it names for the joiner's id are gone, the join's self-lookup ends with the
     * bootstrap node alone, and a joiner that stopped there would own keys unknown to its neighbours.
     */
    @Test
    void aJoinWhoseBootstrapNodeNamesOnlyDepartedNodesLooksAgainThroughTheBootstrapNodesNeighbours() {
        KademliaConfig config = KademliaConfig.defaults();
        KademliaSimulation sim = converged200(11, config);
        KademliaNode bootstrap = sim.node(0);
        SplittableRandom random = new SplittableRandom(11);
        NodeId joinerId = NodeId.random(random);
        while (bootstrap.routingTable().bucketIndex(joinerId) != 0) {
            joinerId = NodeId.random(random);
        }
        // Every node the bootstrap node knows in the joiner's half of the id space departs.
        List<Contact> known = new ArrayList<>(bootstrap.routingTable().contacts());
        known.addAll(bootstrap.leafSetView().contacts());
        for (Contact c : known) {
            if (bootstrap.routingTable().bucketIndex(c.id()) == 0 && sim.isLive(c)) {
                sim.crash(sim.upIndices().stream().filter(i -> sim.node(i).self().equals(c)).findFirst().orElseThrow());
            }
        }
        KademliaNode joiner = sim.node(sim.addNode(joinerId, config));
        await(sim, joiner.join(List.of(bootstrap.self().address())));
        sim.runFor(Duration.ofSeconds(30)); // the retry runs after the join's own end

        List<Contact> nearest = sim.closestLive(joinerId, 21).subList(1, 21);
        long known20 = nearest.stream().filter(c -> joiner.routingTable().contains(c.id())).count();
        assertThat(joiner.stats().joinRetries()).isEqualTo(1);
        assertThat(known20).as("of the joiner's 20 nearest live nodes, those it knows").isGreaterThanOrEqualTo(18);
    }

    /**
     * A join ends once the nodes nearest the joiner have answered its self-lookup, not after the
     * whole leaf set's width is confirmed: from then on (their verification ping answered) it is
     * named in their replies, so others' lookups end at it.
     */
    @Test
    void aJoinEndsOnceItsNearestNodesKnowItAndItsSelfLookupRunsOn() {
        KademliaConfig config = KademliaConfig.defaults();
        KademliaSimulation sim = converged200(13, config);
        NodeId joinerId = NodeId.random(new SplittableRandom(13));
        List<Contact> nearest = sim.closestLive(joinerId, config.leafSetSize());
        KademliaNode joiner = sim.node(sim.addNode(joinerId, config));
        await(sim, joiner.join(List.of(sim.node(0).self().address())));
        // Each node that got the joiner's request adds it once its verification ping is answered:
        // one round trip of these 10-ms links later.
        sim.runFor(Duration.ofMillis(50));
        long atJoin = nearest.stream().filter(c -> knows(sim.nodeAt(c.address()), joinerId)).count();

        assertThat(nearest.subList(0, config.alpha())).allSatisfy(c -> assertThat(knows(sim.nodeAt(c.address()), joinerId))
                .as("%s, one of the joiner's nearest, knows it once the join ends", c).isTrue());
        sim.runFor(Duration.ofSeconds(30));
        long after = nearest.stream().filter(c -> knows(sim.nodeAt(c.address()), joinerId)).count();
        assertThat(after).as("the self-lookup confirms the rest of the leaf set's width after the join ends")
                .isGreaterThan(atJoin + 10).isGreaterThanOrEqualTo(30);
    }

    private static KademliaSimulation converged200(long seed, KademliaConfig config) {
        KademliaSimulation sim = new KademliaSimulation(seed, LINK, config);
        for (int i = 0; i < 200; i++) {
            sim.addNode();
        }
        sim.installConverged();
        return sim;
    }

    private static boolean knows(KademliaNode node, NodeId id) {
        return node.routingTable().contains(id) || node.leafSetView().contains(id);
    }

    @Test
    void idleBucketsAreRefreshedAndTheLeafSetLookupRuns() {
        KademliaConfig config = fast().withMaintenancePeriod(Duration.ofSeconds(10))
                .withBucketRefreshInterval(Duration.ofMinutes(2)).withLeafSetRefreshInterval(Duration.ofMinutes(1));
        KademliaSimulation sim = joined(8, 40, config);
        long refreshes = sim.node(7).stats().bucketRefreshes();
        long selfLookups = sim.node(7).stats().selfLookups();
        sim.runFor(Duration.ofMinutes(5));
        assertThat(sim.node(7).stats().bucketRefreshes()).isGreaterThan(refreshes);
        assertThat(sim.node(7).stats().selfLookups()).isGreaterThanOrEqualTo(selfLookups + 4);
        for (int i = 0; i < 40; i++) {
            BucketInvariants.check(sim.node(i));
        }
    }

    @Test
    void aRecursiveFirstHopMustComeFromItsOrigin() {
        KademliaSimulation sim = joined(9, 4, fast());
        RpcEndpoint from = sim.node(0).rpc();
        Contact victim = new Contact(NodeId.sha1Of("victim"), new Address("10.99.0.1", 4000));
        CompletableFuture<?> call = from.call(sim.node(1).self(),
                new RecursiveFindNode(NodeId.sha1Of("t"), 20, 5, victim, 1, 1));
        sim.runUntil(call::isDone, Duration.ofSeconds(5), "call");
        assertThat(call).isCompletedExceptionally();
        try {
            call.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(RemoteErrorException.class);
            assertThat(((RemoteErrorException) e.getCause()).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        }
        assertThat(sim.node(1).stats().forwards()).isZero();
        assertThat(sim.node(1).stats().recursiveAnswers()).isZero();
    }

    @Test
    void aFirstHopRefusesAnUnverifiedOriginWhichThenLooksUpIteratively() {
        KademliaSimulation sim = joined(12, 30, fast());
        for (int i = 0; i < 30; i++) {
            RpcEndpoint rpc = sim.node(i).rpc();
            rpc.scheduler().execute(() -> rpc.verifyAddressesWith(address -> false));
        }
        SplittableRandom w = new SplittableRandom(12);
        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lookups.add(sim.node(i).lookup(NodeId.random(w), LookupStyle.RECURSIVE));
        }
        sim.runUntil(() -> lookups.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "lookups");
        long refusals = 0;
        long fallbacks = 0;
        long answers = 0;
        for (int i = 0; i < 30; i++) {
            refusals += sim.node(i).stats().recursiveRefusals();
            fallbacks += sim.node(i).stats().recursiveFallbacks();
            answers += sim.node(i).stats().recursiveAnswers();
        }
        for (CompletableFuture<LookupResult> f : lookups) {
            assertThat(f.join().succeeded()).isTrue();
            assertThat(f.join().owner()).isEqualTo(sim.closestLive(f.join().target(), 1).get(0));
        }
        assertThat(answers).as("no first hop forwarded, so no answer went to any origin").isZero();
        assertThat(refusals).isPositive().isEqualTo(fallbacks);
    }

    @Test
    void duplicatedDatagramsDoNotForwardARecursiveQueryTwice() {
        KademliaSimulation sim = new KademliaSimulation(10, LINK.withDuplication(1.0), fast());
        for (int i = 0; i < 300; i++) {
            sim.addNode();
        }
        sim.installConverged();
        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        SplittableRandom w = new SplittableRandom(10);
        for (int i = 0; i < 50; i++) {
            lookups.add(sim.node(w.nextInt(300)).lookup(NodeId.random(w), LookupStyle.RECURSIVE));
        }
        sim.runUntil(() -> lookups.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "lookups");
        long forwards = 0;
        long answers = 0;
        for (int i = 0; i < 300; i++) {
            forwards += sim.node(i).stats().forwards();
            answers += sim.node(i).stats().recursiveAnswers();
        }
        long expectedForwards = 0;
        for (CompletableFuture<LookupResult> f : lookups) {
            LookupResult r = f.join();
            assertThat(r.succeeded()).isTrue();
            assertThat(r.owner()).isEqualTo(sim.closestLive(r.target(), 1).get(0));
            expectedForwards += Math.max(0, r.hops() - 1);
        }
        assertThat(answers).as("one answer per lookup").isEqualTo(lookups.stream().filter(f -> f.join().hops() > 0).count());
        assertThat(forwards).as("one forward per hop after the first").isEqualTo(expectedForwards);
    }
}
