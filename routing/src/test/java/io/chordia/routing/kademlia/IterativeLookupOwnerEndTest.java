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
import org.junit.jupiter.api.Test;

/**
 * A lookup's owner end comes once the closest candidate still in the running has answered, naming
 * nobody closer; its closest end once the k closest have. Ids sort like their numbers and the
 * target is node 16's id, so node 16 is the owner whenever it is alive.
 */
class IterativeLookupOwnerEndTest {
    private static final int ORIGIN = 1;
    private static final int OWNER = 16;
    private static final int NEAR = 18;

    private final SimHarness sim = new SimHarness(3, LinkConditions.ideal(Duration.ofMillis(30)));
    private final RpcConfig oneAttempt = RpcConfig.defaults().withTimeout(Duration.ofSeconds(2)).withMaxAttempts(1);
    private final IterativeLookup.Observer quiet = new IterativeLookup.Observer() {
        @Override
        public void answered(Contact contact) {
        }

        @Override
        public void failed(Contact contact, Throwable cause) {
        }
    };
    private RpcEndpoint origin;

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
        rpc.register(FindNode.class, (request, ctx) -> new Nodes(answer));
    }

    /** Starts a lookup of node 16's id from the origin, which knows {@code seeds}; runs until both ends came. */
    private Ends lookUp(int k, int alpha, int... seeds) {
        List<Contact> known = new ArrayList<>();
        for (int s : seeds) {
            known.add(TestIds.contact(s));
        }
        long start = sim.loop.nowNanos();
        IterativeLookup.Ends ends = IterativeLookup.begin(origin, TestIds.id(OWNER), known, k, alpha, 1, oneAttempt,
                quiet, new SlowQueries(), KademliaConfig.defaults().extras());
        long[] ownerAt = {-1};
        ends.owner().whenComplete((r, f) -> ownerAt[0] = sim.loop.nowNanos());
        sim.runUntil(ends.closest()::isDone, Duration.ofSeconds(5), "lookup");
        return new Ends(ends.owner().join(), (ownerAt[0] - start) / 1_000_000, ends.closest().join(),
                (sim.loop.nowNanos() - start) / 1_000_000);
    }

    private record Ends(LookupResult owner, long ownerMs, LookupResult closest, long closestMs) {}

    @Test
    void theOwnerEndComesWhenTheClosestNodeAnswersNamingNobodyCloser() {
        origin = sim.rpcNode(ORIGIN, oneAttempt);
        node(OWNER, 24);
        node(20);
        node(24);
        link(ORIGIN, OWNER, 20);
        link(ORIGIN, 20, 50);
        link(ORIGIN, 24, 50);

        Ends ends = lookUp(4, 2, OWNER, 20);

        assertThat(ends.owner().owner()).isEqualTo(TestIds.contact(OWNER));
        assertThat(ends.ownerMs()).isEqualTo(40L);
        // The closest end still confirms the rest: node 24, named at 40 ms, answers at 140 ms.
        assertThat(ends.closest().closest()).containsExactly(TestIds.contact(OWNER), TestIds.contact(20),
                TestIds.contact(24), TestIds.contact(ORIGIN));
        assertThat(ends.closestMs()).isEqualTo(140L);
    }

    @Test
    void aCloserNodeNamedInTheAnswerIsAskedBeforeTheOwnerEnd() {
        origin = sim.rpcNode(ORIGIN, oneAttempt);
        node(NEAR, OWNER);
        node(OWNER);
        link(ORIGIN, NEAR, 20);
        link(ORIGIN, OWNER, 20);

        Ends ends = lookUp(4, 2, NEAR);

        assertThat(ends.owner().owner()).isEqualTo(TestIds.contact(OWNER));
        assertThat(ends.ownerMs()).isEqualTo(80L);
        assertThat(ends.owner().hops()).isEqualTo(2);
    }

    @Test
    void afterARequestFailedTheAlphaClosestConfirmTheOwner() {
        origin = sim.rpcNode(ORIGIN, oneAttempt);
        node(OWNER);
        node(20);
        node(24);
        node(26);
        sim.rpcNode(22, oneAttempt); // answers find_node with an error, at 20 ms
        link(ORIGIN, 22, 10);
        link(ORIGIN, OWNER, 20);
        link(ORIGIN, 24, 30);
        link(ORIGIN, 20, 50);
        link(ORIGIN, 26, 100);

        Ends ends = lookUp(5, 3, OWNER, 20, 22, 24, 26);

        // Node 16 answered at 40 ms, but node 22 had failed: the owner end waits for 20 and 24 (100 ms).
        assertThat(ends.owner().owner()).isEqualTo(TestIds.contact(OWNER));
        assertThat(ends.ownerMs()).isEqualTo(100L);
        // The closest end waited for node 26 (asked at 40 ms) until its 100-ms round-trip timeout.
        assertThat(ends.closestMs()).isEqualTo(140L);
    }

    /**
     * α = 1, the origin knows nodes 16, 24, 26, 27 and 28; node 16 is slow. One measured round trip
     * of 60 ms makes a timeout of 60 + 4 · 30 = 180 ms: node 16 is slow from 180 ms on, and the
     * others, 60 ms away, are asked one after another from then. {@code heardFromOwner}: node 16
     * answered a ping of ours 11 s before (over a 30-ms link, so its own timeout is 180 ms too).
     */
    private Ends lookUpPastASlowOwner(long ownerOneWayMillis, boolean heardFromOwner) {
        origin = sim.rpcNode(ORIGIN, oneAttempt);
        node(OWNER);
        for (int n : new int[] {24, 26, 27, 28}) {
            node(n);
        }
        if (heardFromOwner) {
            var pingOwner = origin.call(TestIds.contact(OWNER), new Ping());
            sim.runUntil(pingOwner::isDone, Duration.ofSeconds(1), "ping");
            // Long enough ago that a slow request to it is not worth waiting for (SlowQueries.RECENT_NANOS).
            sim.loop.advance(Duration.ofSeconds(11));
        }
        var ping = origin.call(TestIds.contact(24), new Ping());
        sim.runUntil(ping::isDone, Duration.ofSeconds(1), "ping");
        link(ORIGIN, OWNER, ownerOneWayMillis);
        assertThat(origin.roundTrips().knows(TestIds.address(OWNER))).isEqualTo(heardFromOwner);
        assertThat(origin.roundTrips().timeoutNanos(TestIds.address(OWNER))).isEqualTo(180_000_000L);
        return lookUp(5, 1, OWNER, 24, 26, 27, 28);
    }

    @Test
    void aSlowCloserNodeHoldsTheOwnerEndForOneMoreRoundTripTimeout() {
        Ends ends = lookUpPastASlowOwner(150, true);

        // Answered at 300 ms, within 2 x 180 ms: without the grace the owner end named node 24 at 240 ms.
        assertThat(ends.owner().owner()).isEqualTo(TestIds.contact(OWNER));
        assertThat(ends.ownerMs()).isEqualTo(300L);
    }

    /**
     * A contact we never heard from, named only in others' replies, gets no grace: under 84-s
     * sessions such contacts are mostly departed, and waiting out a second timeout on them was
     * most of the slow tail.
     */
    @Test
    void aSlowNodeNeverHeardFromDirectlyDoesNotHoldTheOwnerEnd() {
        Ends ends = lookUpPastASlowOwner(150, false);

        assertThat(ends.owner().owner()).isEqualTo(TestIds.contact(24));
        assertThat(ends.ownerMs()).isEqualTo(240L);
    }

    @Test
    void aSlowNodePastItsGraceNoLongerHoldsTheOwnerEnd() {
        Ends ends = lookUpPastASlowOwner(300, true);

        // Given up at 360 ms, not at the call's 2-s timeout; node 24 had answered at 240 ms.
        assertThat(ends.owner().owner()).isEqualTo(TestIds.contact(24));
        assertThat(ends.ownerMs()).isEqualTo(360L);
        // The closest end asked 26, 27 and 28 in turn and came before node 16's answer at 600 ms.
        assertThat(ends.closestMs()).isEqualTo(420L);
        assertThat(ends.closest().owner()).isEqualTo(TestIds.contact(24));
    }
}
