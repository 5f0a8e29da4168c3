package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Ten thousand endpoints in one JVM, every one of them calling others. */
class LargeNetworkSimTest {
    @Test
    void tenThousandEndpointsPingEachOther() {
        int n = 10_000;
        SimHarness sim = new SimHarness(99, LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(80))));
        List<RpcEndpoint> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            nodes.add(sim.rpcNode(i, RpcConfig.defaults()));
        }
        RandomGenerator random = sim.streams.stream("workload");
        List<CompletableFuture<Pong>> calls = new ArrayList<>();
        for (RpcEndpoint node : nodes) {
            for (int k = 0; k < 3; k++) {
                calls.add(node.call(TestIds.contact(random.nextInt(n)), new Ping()));
            }
        }
        sim.runUntil(() -> calls.stream().allMatch(CompletableFuture::isDone), Duration.ofSeconds(5), "all pongs");

        assertThat(calls).allMatch(c -> !c.isCompletedExceptionally());
        assertThat(sim.network.stats().received()).isEqualTo(2L * calls.size());
        assertThat(sim.loop.now()).isLessThanOrEqualTo(Duration.ofMillis(160));
    }
}
