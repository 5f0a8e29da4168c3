package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.lookup.SlowQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A slow node frees its α slot after its round-trip timeout, and its late answer still counts; a
 * slow node that answered recently also keeps the lookup from finishing without it.
 * Ids sort like their numbers and the target is node 16's id, so node 16 is the closest node and
 * node 17, which only node 16 knows, the next closest.
 */
class IterativeLookupSlowQueryTest {
    private static final int ORIGIN = 1;
    private static final int SLOW = 16;
    private static final int ONLY_SLOW_KNOWS = 17;
    private static final int FAR = 24;
    private static final int FAR_REFERRAL = 28;
    private static final int FARTHEST = 30;

    private final SimHarness sim = new SimHarness(3, LinkConditions.ideal(Duration.ofMillis(10)));
    private final RpcConfig oneAttempt = RpcConfig.defaults().withTimeout(Duration.ofSeconds(2)).withMaxAttempts(1);
    private final List<String> events = new ArrayList<>();

    private void link(int a, int b, long oneWayMillis) {
        LinkConditions l = LinkConditions.ideal(Duration.ofMillis(oneWayMillis));
        sim.network.setLink(TestIds.address(a), TestIds.address(b), l);
        sim.network.setLink(TestIds.address(b), TestIds.address(a), l);
    }

    private void node(int n, int... knows) {
        RpcEndpoint rpc = sim.rpcNode(n, oneAttempt);
        List<Contact> answer = new ArrayList<>();
        for (int k : knows) {
            answer.add(TestIds.contact(k));
        }
        rpc.register(FindNode.class, (request, ctx) -> {
            events.add(n + " asked at " + sim.loop.nowNanos() / 1_000_000 + " ms");
            return new Nodes(answer);
        });
    }

    @Test
    void theNextCandidateIsAskedAtOnceAndTheLateAnswerStillMerges() {
        RpcEndpoint origin = sim.rpcNode(ORIGIN, oneAttempt);
        node(SLOW, ONLY_SLOW_KNOWS);
        node(ONLY_SLOW_KNOWS);
        node(FAR, FAR_REFERRAL);
        node(FAR_REFERRAL, FARTHEST);
        node(FARTHEST);
        link(ORIGIN, SLOW, 150);
        link(ORIGIN, FAR, 30);
        link(ORIGIN, FAR_REFERRAL, 40);
        // One measured round trip of 60 ms: an unknown node's timeout is 60 + 4 · 30 = 180 ms.
        CompletableFuture<?> ping = origin.call(TestIds.contact(FAR), new Ping());
        sim.runUntil(ping::isDone, Duration.ofSeconds(1), "ping");
        assertThat(origin.roundTrips().timeoutNanos(TestIds.address(SLOW))).isEqualTo(180_000_000L);

        List<String> seen = new ArrayList<>();
        IterativeLookup.Observer observer = new IterativeLookup.Observer() {
            @Override
            public void answered(Contact contact) {
                seen.add("answered " + contact.id().shortId());
            }

            @Override
            public void failed(Contact contact, Throwable cause) {
                seen.add("failed " + contact.id().shortId());
            }

            @Override
            public void slow(Contact contact) {
                seen.add("slow " + contact.id().shortId());
            }

            @Override
            public void answeredLate(Contact contact) {
                seen.add("late " + contact.id().shortId());
            }
        };
        long start = sim.loop.nowNanos();
        CompletableFuture<LookupResult> lookup = IterativeLookup.start(origin, TestIds.id(SLOW),
                List.of(TestIds.contact(SLOW), TestIds.contact(FAR)), 2, 1, 1, oneAttempt, observer, new SlowQueries());
        sim.runUntil(lookup::isDone, Duration.ofSeconds(5), "lookup");

        LookupResult result = lookup.join();
        assertThat(result.succeeded()).isTrue();
        // The late answer put the slow node in the answer and named the node only it knew.
        assertThat(result.closest()).containsExactly(TestIds.contact(SLOW), TestIds.contact(ONLY_SLOW_KNOWS));
        long startMs = start / 1_000_000;
        // α = 1, yet the far node was asked 180 ms in (+30 ms on the link), while the slow node's answer took 300 ms.
        assertThat(events).startsWith(SLOW + " asked at " + (startMs + 150) + " ms", FAR + " asked at " + (startMs + 210) + " ms");
        String slow = TestIds.id(SLOW).shortId();
        assertThat(seen).containsSubsequence("slow " + slow, "failed " + slow, "late " + slow, "answered " + slow);
        // The late answer (300 ms) names node 17; node 16, the closest, has answered, so 17 is a confirmation
        // (ConfirmationWidening) and is asked at once while node 28 still holds the α slot: done at 320 ms, not 340.
        assertThat((sim.loop.nowNanos() - start) / 1_000_000).isEqualTo(320L);
    }

    @Test
    void aCallThatRetriesIsNeverCutShort() {
        RpcEndpoint origin = sim.rpcNode(ORIGIN, oneAttempt);
        node(SLOW, ONLY_SLOW_KNOWS);
        node(ONLY_SLOW_KNOWS);
        node(FAR);
        link(ORIGIN, SLOW, 150);
        link(ORIGIN, FAR, 30);
        CompletableFuture<?> ping = origin.call(TestIds.contact(FAR), new Ping());
        sim.runUntil(ping::isDone, Duration.ofSeconds(1), "ping");
        List<String> slowOnes = new ArrayList<>();
        IterativeLookup.Observer observer = new IterativeLookup.Observer() {
            @Override
            public void answered(Contact contact) {
            }

            @Override
            public void failed(Contact contact, Throwable cause) {
            }

            @Override
            public void slow(Contact contact) {
                slowOnes.add(contact.id().shortId());
            }
        };
        RpcConfig patient = oneAttempt.withTimeout(Duration.ofSeconds(1)).withMaxAttempts(2);
        long startMs = sim.loop.nowNanos() / 1_000_000;
        CompletableFuture<LookupResult> lookup = IterativeLookup.start(origin, TestIds.id(SLOW),
                List.of(TestIds.contact(SLOW), TestIds.contact(FAR)), 2, 1, 1, patient, observer, new SlowQueries());
        sim.runUntil(lookup::isDone, Duration.ofSeconds(5), "lookup");

        assertThat(slowOnes).isEmpty();
        // The slow node held the only slot until it answered; then the node it named was asked.
        assertThat(events).containsExactly(SLOW + " asked at " + (startMs + 150) + " ms",
                ONLY_SLOW_KNOWS + " asked at " + (startMs + 310) + " ms");
    }

    /** Node 16 answers a ping on a fast link, then its link slows to 300 ms round trips; node 24 is fast and names nobody. */
    private CompletableFuture<LookupResult> lookUpThroughANodeThatTurnedSlow(Duration afterPing) {
        RpcEndpoint origin = sim.rpcNode(ORIGIN, oneAttempt);
        node(SLOW, ONLY_SLOW_KNOWS);
        node(ONLY_SLOW_KNOWS);
        node(FAR);
        link(ORIGIN, FAR, 30);
        CompletableFuture<?> ping = origin.call(TestIds.contact(SLOW), new Ping());
        sim.runUntil(ping::isDone, Duration.ofSeconds(1), "ping");
        sim.loop.advance(afterPing);
        link(ORIGIN, SLOW, 150);
        assertThat(origin.roundTrips().timeoutNanos(TestIds.address(SLOW))).isEqualTo(100_000_000L);
        IterativeLookup.Observer quiet = new IterativeLookup.Observer() {
            @Override
            public void answered(Contact contact) {
            }

            @Override
            public void failed(Contact contact, Throwable cause) {
            }
        };
        CompletableFuture<LookupResult> lookup = IterativeLookup.start(origin, TestIds.id(SLOW),
                List.of(TestIds.contact(SLOW), TestIds.contact(FAR)), 2, 1, 1, oneAttempt, quiet, new SlowQueries());
        sim.runUntil(lookup::isDone, Duration.ofSeconds(5), "lookup");
        return lookup;
    }

    @Test
    void aSlowNodeThatAnsweredRecentlyHoldsTheLookupUntilItsLateAnswer() {
        long startMs = sim.loop.nowNanos() / 1_000_000;
        LookupResult result = lookUpThroughANodeThatTurnedSlow(Duration.ofSeconds(5)).join();
        // Without the hold the lookup ends when node 24 answers, at about 160 ms, with 24 and the origin.
        assertThat(result.closest()).containsExactly(TestIds.contact(SLOW), TestIds.contact(ONLY_SLOW_KNOWS));
        assertThat(events).contains(ONLY_SLOW_KNOWS + " asked at " + (startMs + 5_000 + 20 + 310) + " ms");
    }

    @Test
    void aSlowNodeLastHeardLongAgoDoesNotHoldTheLookup() {
        long startMs = sim.loop.nowNanos() / 1_000_000;
        CompletableFuture<LookupResult> lookup = lookUpThroughANodeThatTurnedSlow(Duration.ofSeconds(11));
        long lookupStartMs = startMs + 11_000 + 20;
        assertThat(lookup.join().closest()).containsExactly(TestIds.contact(FAR), TestIds.contact(ORIGIN));
        assertThat(sim.loop.nowNanos() / 1_000_000 - lookupStartMs).isEqualTo(160L);
    }
}
