package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Ping;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same run, event for event; another seed gives another run; and the run
 * is the one this test pins, so a JDK, CPU or library change that alters a seeded simulation
 * (iteration order of a hash map, a random generator's algorithm, an ulp of a logarithm) fails here
 * in CI instead of quietly changing every published figure.
 */
class DeterminismSimTest {
    private static final int NODES = 200;
    /**
     * The trace of {@code run(2026)}. Change it only for a change of this scenario or of the
     * simulator's own semantics (say so in the commit), never to make a new JVM pass.
     */
    private static final String GOLDEN_TRACE = "d0e4e2e16b9ff549 (50897 events)";

    private record Outcome(long traceHash, long events, long timeouts, long responses, String trace) {}

    private static Outcome run(long seed) {
        LinkConditions link = LinkConditions.of(LatencyModel.logNormal(Duration.ofMillis(40), 0.6))
                .withLoss(0.05).withDuplication(0.02).withReordering(0.1, Duration.ofMillis(100));
        SimHarness sim = new SimHarness(seed, link);
        RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(300));
        List<RpcEndpoint> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            RpcEndpoint node = sim.rpcNode(i, config);
            nodes.add(node);
            RandomGenerator random = sim.streams.stream("workload", i);
            node.scheduler().scheduleAtFixedRate(Duration.ofMillis(random.nextInt(1000)), Duration.ofSeconds(1),
                    () -> node.call(TestIds.contact(random.nextInt(NODES)), new Ping()));
        }
        RandomGenerator churn = sim.streams.stream("churn");
        sim.loop.schedule(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 20; i++) {
                sim.network.endpoint(TestIds.address(churn.nextInt(NODES))).crash();
            }
        });
        sim.loop.advance(Duration.ofSeconds(60));
        long timeouts = nodes.stream().mapToLong(n -> n.stats().timeouts()).sum();
        long responses = nodes.stream().mapToLong(n -> n.stats().responses()).sum();
        return new Outcome(sim.network.trace().hash(), sim.network.trace().events(), timeouts, responses,
                sim.network.trace().toString());
    }

    @Test
    void sameSeedSameTraceAnotherSeedAnotherTrace() {
        Outcome first = run(2026);
        Outcome second = run(2026);
        Outcome other = run(2027);

        assertThat(second).isEqualTo(first);
        assertThat(first.events()).isGreaterThan(20_000);
        assertThat(first.timeouts()).isPositive();
        assertThat(other.traceHash()).isNotEqualTo(first.traceHash());
    }

    @Test
    void theSeededRunIsThePinnedOne() {
        assertThat(run(2026).trace()).as("event trace of the pinned scenario").isEqualTo(GOLDEN_TRACE);
    }
}
