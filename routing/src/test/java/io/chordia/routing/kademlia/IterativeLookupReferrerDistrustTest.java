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
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A referrer whose referrals mostly fail is not believed any more, except while it is the only node
 * that has answered: then its referrals are all the lookup has (a join through one bootstrap node).
 * Ids sort like their numbers and the target is id 16; nodes 17 to 19 are named but dead. With α = 1
 * the dead are asked one after another, so all three have failed before the live referral's turn.
 */
class IterativeLookupReferrerDistrustTest {
    private static final int ORIGIN = 1;
    private static final int TARGET = 16;
    private static final int[] DEAD = {17, 18, 19};
    private static final int LIVE_REFERRAL = 21;
    private static final int REFERRER = 24;
    /** Nearer the target than the referrer, so asked first (α = 1), and names nobody. */
    private static final int OTHER_SEED = 20;

    private final SimHarness sim = new SimHarness(3, LinkConditions.ideal(Duration.ofMillis(10)));
    private final RpcConfig oneAttempt = RpcConfig.defaults().withTimeout(Duration.ofSeconds(2)).withMaxAttempts(1);
    private final IterativeLookup.Observer quiet = new IterativeLookup.Observer() {
        @Override
        public void answered(Contact contact) {
        }

        @Override
        public void failed(Contact contact, Throwable cause) {
        }
    };

    private void node(int n, int... knows) {
        RpcEndpoint rpc = sim.rpcNode(n, oneAttempt);
        List<Contact> answer = new ArrayList<>();
        for (int k : knows) {
            answer.add(TestIds.contact(k));
        }
        rpc.register(FindNode.class, (request, ctx) -> new Nodes(answer));
    }

    private LookupResult lookUp(List<Contact> seeds) {
        RpcEndpoint origin = sim.rpcNode(ORIGIN, oneAttempt);
        // One measured round trip, so a dead node counts as failed after the 100-ms floor, not the initial 1 s.
        CompletableFuture<?> ping = origin.call(TestIds.contact(REFERRER), new Ping());
        sim.runUntil(ping::isDone, Duration.ofSeconds(1), "ping");
        CompletableFuture<LookupResult> lookup = IterativeLookup.start(origin, TestIds.id(TARGET), seeds, 8, 1, 1,
                oneAttempt, quiet, new SlowQueries(), EnumSet.of(KademliaExtra.REFERRER_DISTRUST));
        sim.runUntil(lookup::isDone, Duration.ofSeconds(5), "lookup");
        return lookup.join();
    }

    @Test
    void theOnlyNodeThatAnsweredIsBelievedHoweverManyOfItsReferralsFail() {
        node(REFERRER, DEAD[0], DEAD[1], DEAD[2], LIVE_REFERRAL);
        node(LIVE_REFERRAL);

        LookupResult result = lookUp(List.of(TestIds.contact(REFERRER)));

        // Distrusted after its three dead referrals, the referrer's live one would go unasked and the
        // lookup end with the referrer alone, as joins through one bootstrap node under churn did.
        assertThat(result.closest()).contains(TestIds.contact(LIVE_REFERRAL));
    }

    @Test
    void aReferrerWhoseReferralsFailIsDistrustedOnceAnotherNodeAnswered() {
        node(REFERRER, DEAD[0], DEAD[1], DEAD[2], LIVE_REFERRAL);
        node(LIVE_REFERRAL);
        node(OTHER_SEED);

        LookupResult result = lookUp(List.of(TestIds.contact(REFERRER), TestIds.contact(OTHER_SEED)));

        assertThat(result.closest()).containsExactly(TestIds.contact(OTHER_SEED), TestIds.contact(REFERRER),
                TestIds.contact(ORIGIN));
    }
}
