package io.chordia.core.testing;

import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A simulated world from one seed: the loop, the network (its faults drawn from their own stream)
 * and RPC endpoints for nodes numbered from 0, each with its own random stream.
 */
public final class SimHarness {
    public final RandomStreams streams;
    public final VirtualScheduler loop = new VirtualScheduler();
    public final SimNetwork network;

    public SimHarness(long seed, LinkConditions link) {
        this.streams = new RandomStreams(seed);
        this.network = new SimNetwork(loop, streams.stream("network"), link);
    }

    /** Attaches node {@code n} at {@link TestIds#address(int)} with id {@link TestIds#id(int)}. */
    public RpcEndpoint rpcNode(int n, RpcConfig config) {
        SimEndpoint endpoint = network.attach(TestIds.address(n));
        return rpcNodeOn(endpoint, TestIds.contact(n), n, config);
    }

    /** A new RPC endpoint on the current incarnation of {@code endpoint}. */
    public RpcEndpoint rpcNodeOn(SimEndpoint endpoint, Contact self, int n, RpcConfig config) {
        return new RpcEndpoint(self, endpoint.transport(), endpoint.scheduler(),
                streams.stream("node-" + endpoint.incarnation(), n), config);
    }

    /** Runs the world until {@code condition}, failing with an {@link AssertionError} after {@code max}. */
    public void runUntil(BooleanSupplier condition, Duration max, String what) {
        if (!loop.runUntil(condition, max)) {
            throw new AssertionError(what + " did not happen within " + max + " of virtual time (seed "
                    + streams.masterSeed() + ")");
        }
    }
}
