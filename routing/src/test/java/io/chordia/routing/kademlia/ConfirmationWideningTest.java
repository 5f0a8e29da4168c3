package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Once the α closest candidates have answered, the rest of the k closest are asked at once. Ids
 * sort like their numbers and the target is node 16's id, so 16, 17, 18, 19 are the four closest
 * in that order; links are 10 ms one way.
 */
class ConfirmationWideningTest {
    private static final int ORIGIN = 1;

    private final SimHarness sim = new SimHarness(3, LinkConditions.ideal(Duration.ofMillis(10)));
    private final RpcConfig oneAttempt = RpcConfig.defaults().withTimeout(Duration.ofSeconds(2)).withMaxAttempts(1);
    private final List<String> events = new ArrayList<>();

    private void node(int n) {
        RpcEndpoint rpc = sim.rpcNode(n, oneAttempt);
        rpc.register(FindNode.class, (request, ctx) -> {
            events.add(n + " asked at " + sim.loop.nowNanos() / 1_000_000 + " ms");
            return new Nodes(List.of());
        });
    }

    private long lookUpWith(Set<KademliaExtra> extras) {
        RpcEndpoint origin = sim.rpcNode(ORIGIN, oneAttempt);
        List<Contact> seeds = new ArrayList<>();
        for (int n = 16; n <= 19; n++) {
            node(n);
            seeds.add(TestIds.contact(n));
        }
        IterativeLookup.Observer quiet = new IterativeLookup.Observer() {
            @Override
            public void answered(Contact contact) {
            }

            @Override
            public void failed(Contact contact, Throwable cause) {
            }
        };
        long startMs = sim.loop.nowNanos() / 1_000_000;
        CompletableFuture<LookupResult> lookup = IterativeLookup.start(origin, TestIds.id(16), seeds, 4, 1, 1,
                oneAttempt, quiet, new SlowQueries(), extras);
        sim.runUntil(lookup::isDone, Duration.ofSeconds(5), "lookup");
        assertThat(lookup.join().closest()).startsWith(TestIds.contact(16), TestIds.contact(17), TestIds.contact(18),
                TestIds.contact(19));
        return startMs;
    }

    @Test
    void theRestOfTheKClosestAreAskedTogetherOnceTheClosestAlphaAnswered() {
        long t = lookUpWith(EnumSet.allOf(KademliaExtra.class));
        // α = 1: node 16 answers at 20 ms, then 17, 18 and 19 are all asked in the same instant.
        assertThat(events).containsExactly("16 asked at " + (t + 10) + " ms", "17 asked at " + (t + 30) + " ms",
                "18 asked at " + (t + 30) + " ms", "19 asked at " + (t + 30) + " ms");
    }

    @Test
    void withoutTheExtraTheyAreAskedAlphaAtATimeAsInThePaperProfile() {
        long t = lookUpWith(EnumSet.complementOf(EnumSet.of(KademliaExtra.WIDE_CONFIRMATION)));
        assertThat(events).containsExactly("16 asked at " + (t + 10) + " ms", "17 asked at " + (t + 30) + " ms",
                "18 asked at " + (t + 50) + " ms", "19 asked at " + (t + 70) + " ms");
        assertThat(KademliaProfile.IPTPS02.config().has(KademliaExtra.WIDE_CONFIRMATION)).isFalse();
    }

    @Test
    void aBrokenFrontKeepsTheLookupToAlpha() {
        ConfirmationWidening widening = new ConfirmationWidening(2, true);
        widening.startPass();
        widening.passed(true);
        assertThat(widening.confirming()).isFalse();
        widening.passed(false); // the second closest has not answered: its reply may name closer nodes
        widening.passed(true);
        assertThat(widening.confirming()).isFalse();
        widening.startPass();
        widening.passed(true);
        widening.passed(true);
        assertThat(widening.confirming()).isTrue();
        widening.passed(false); // past the answered front, the rest stay confirmations
        assertThat(widening.confirming()).isTrue();
        assertThat(new ConfirmationWidening(2, false).confirming()).isFalse();
    }
}
