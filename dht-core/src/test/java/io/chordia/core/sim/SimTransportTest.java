package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.testing.TestIds;
import io.chordia.core.transport.TransportContractTest;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

class SimTransportTest extends TransportContractTest {
    @Override
    protected World createWorld() {
        VirtualScheduler loop = new VirtualScheduler();
        SimNetwork network = new SimNetwork(loop, new SplittableRandom(7),
                LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(20))));
        return new World() {
            private int next;

            @Override
            public Endpoint newEndpoint() {
                SimEndpoint e = network.attach(TestIds.address(next++));
                return new Endpoint(e.transport(), e.scheduler());
            }

            @Override
            public void await(BooleanSupplier condition, Duration max) {
                assertThat(loop.runUntil(condition, max)).as("condition within %s of virtual time", max).isTrue();
            }

            @Override
            public void close() {}
        };
    }
}
