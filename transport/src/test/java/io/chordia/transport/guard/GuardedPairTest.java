package io.chordia.transport.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.Reply;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.core.transport.InboundHandler;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
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
        return guardedNode(n, t -> t);
    }

    private RpcEndpoint guardedNode(int n, UnaryOperator<Transport> wire) {
        SimEndpoint endpoint = sim.network.attach(TestIds.address(n));
        GuardLimits limits = GuardLimits.node(1024);
        GuardedTransport guard = new GuardedTransport(wire.apply(endpoint.transport()), TestIds.contact(n), new VerifiedPeers(100),
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
        List<Contact> twenty = twentyContacts();
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

    @Test
    void strangersCallingEachOtherAtOnceAreBothAnsweredByTheFirstAttempt() {
        // Each called the other first, so neither pings the other, and each answer is too large for
        // what the other sent: each side holds its answer until the other's arrives. The ping
        // that a held answer sets off breaks the wait.
        RpcEndpoint a = guardedNode(1);
        RpcEndpoint b = guardedNode(2);
        List<Contact> twenty = twentyContacts();
        a.register(FindNode.class, (request, ctx) -> new Nodes(twenty));
        b.register(FindNode.class, (request, ctx) -> new Nodes(twenty));

        CompletableFuture<Reply<Nodes>> fromB = a.exchange(b.self().address(), b.self().id(), new FindNode(TestIds.id(7), 20), config);
        CompletableFuture<Reply<Nodes>> fromA = b.exchange(a.self().address(), a.self().id(), new FindNode(TestIds.id(8), 20), config);
        sim.runUntil(() -> fromA.isDone() && fromB.isDone(), Duration.ofSeconds(30), "both calls");

        for (CompletableFuture<Reply<Nodes>> call : List.of(fromA, fromB)) {
            assertThat(call).isCompletedWithValueMatching(r -> r.body().contacts().equals(twenty) && r.attempts() == 1,
                    "the whole list by the first attempt");
        }
    }

    @Test
    void aLostPongDoesNotLeaveTheTwoWaitingOnEachOtherForGood() {
        // a's pong to b's verification ping is lost: b keeps a's answer held, and a must still be
        // able to call b, or b never hears from a again and never pings it again.
        RpcEndpoint a = guardedNode(1, firstPongLost());
        RpcEndpoint b = guardedNode(2);
        b.register(FindNode.class, (request, ctx) -> new Nodes(List.of(TestIds.contact(100))));

        CompletableFuture<Reply<Pong>> first = a.exchange(b.self().address(), b.self().id(), new Ping(), config);
        sim.runUntil(first::isDone, Duration.ofSeconds(30), "the first call");
        CompletableFuture<Reply<Nodes>> later = a.exchange(b.self().address(), b.self().id(),
                new FindNode(TestIds.id(7), 20), config);
        sim.runUntil(later::isDone, Duration.ofSeconds(30), "a later call");

        assertThat(later).as("a later call is answered").isCompletedWithValueMatching(r -> r.body().contacts().size() == 1);
    }

    /** An answer far larger than the request it answers. */
    private static List<Contact> twentyContacts() {
        List<Contact> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(TestIds.contact(100 + i));
        }
        return twenty;
    }

    /** A transport that loses the first pong it is asked to send. */
    private static UnaryOperator<Transport> firstPongLost() {
        return wire -> new Transport() {
            private boolean lost;

            @Override
            public void send(Envelope envelope) {
                if (!lost && envelope.body() instanceof Pong) {
                    lost = true;
                    return;
                }
                wire.send(envelope);
            }

            @Override
            public void onReceive(InboundHandler handler) {
                wire.onReceive(handler);
            }

            @Override
            public Address localAddress() {
                return wire.localAddress();
            }

            @Override
            public TransportStats stats() {
                return wire.stats();
            }

            @Override
            public void close() {
                wire.close();
            }
        };
    }
}
