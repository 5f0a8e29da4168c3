package io.chordia.transport.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.Reply;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.transport.codec.KryoWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two nodes behind a node's guard meet: the first call is answered at once by its first attempt,
 * one round trip late (the callee pings the caller first). A pong is larger than the ping it
 * answers, so without the caller's allowance for the conversation it started, each side held its
 * pong waiting for the other's.
 */
class GuardedPairTest {
    private static final Duration LINK = Duration.ofMillis(10);
    private final SimHarness sim = new SimHarness(3, LinkConditions.ideal(LINK));
    private final KryoWireCodec codec = new KryoWireCodec(1232);
    private final RpcConfig config = RpcConfig.defaults();

    private RpcEndpoint guardedNode(int n) {
        SimEndpoint endpoint = sim.network.attach(TestIds.address(n));
        GuardLimits limits = GuardLimits.node(1024);
        GuardedTransport guard = new GuardedTransport(endpoint.transport(), TestIds.contact(n), new VerifiedPeers(100),
                codec::encodedSize, limits);
        RpcEndpoint rpc = new RpcEndpoint(TestIds.contact(n), guard, endpoint.scheduler(), sim.streams.stream("node", n), config);
        SourceProber prober = new SourceProber(rpc, guard, endpoint.scheduler().clock(), limits);
        guard.onUnverifiedRequest(prober::probe);
        return rpc;
    }

    @Test
    void strangersMeetInTwoRoundTripsWithoutARetry() {
        RpcEndpoint a = guardedNode(1);
        RpcEndpoint b = guardedNode(2);
        List<Contact> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(TestIds.contact(100 + i));
        }
        b.register(FindNode.class, (request, ctx) -> new Nodes(twenty));

        CompletableFuture<Reply<Pong>> pong = a.exchange(b.self().address(), b.self().id(), new Ping(), config);
        sim.runUntil(pong::isDone, Duration.ofSeconds(5), "pong");
        assertThat(pong.join().attempts()).isEqualTo(1);
        assertThat(pong.join().rttNanos()).as("ping, b's ping, a's pong, b's held pong").isEqualTo(4 * LINK.toNanos());

        CompletableFuture<Reply<Nodes>> nodes = a.exchange(b.self().address(), b.self().id(),
                new FindNode(TestIds.id(7), 20), config);
        sim.runUntil(nodes::isDone, Duration.ofSeconds(5), "nodes");
        assertThat(nodes.join().body().contacts()).as("verified now: the whole list at once").isEqualTo(twenty);
        assertThat(nodes.join().rttNanos()).isEqualTo(2 * LINK.toNanos());
    }
}
