package io.chordia.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.testing.TestIds;
import io.chordia.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transport} must do, run against the in-memory network and against Netty. A
 * world supplies endpoints and a way to wait: virtual time for the simulator, the wall clock for
 * real sockets.
 */
public abstract class TransportContractTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The world a transport lives in. */
    protected interface World extends AutoCloseable {
        Endpoint newEndpoint();

        /** Lets the world run until {@code condition} holds; fails the test after {@code max}. */
        void await(BooleanSupplier condition, Duration max);

        @Override
        void close();
    }

    /** A transport and the scheduler of the node that owns it. */
    public record Endpoint(Transport transport, Scheduler scheduler) {
        public Contact contact() {
            return new Contact(NodeId.sha1Of(transport.localAddress().toString()), transport.localAddress());
        }
    }

    protected abstract World createWorld();

    private World world;

    @BeforeEach
    void startWorld() {
        world = createWorld();
    }

    @AfterEach
    void stopWorld() {
        world.close();
    }

    private record Received(Envelope envelope, Address source, boolean onNodeThread) {}

    private static ConcurrentLinkedQueue<Received> collect(Endpoint e) {
        ConcurrentLinkedQueue<Received> inbox = new ConcurrentLinkedQueue<>();
        e.transport().onReceive((env, source) -> inbox.add(new Received(env, source, e.scheduler().inNodeThread())));
        return inbox;
    }

    private static void onNode(Endpoint e, Runnable task) {
        e.scheduler().execute(task);
    }

    @Test
    void deliversAnEnvelopeWithItsSourceOnTheReceiversNodeThread() {
        Endpoint a = world.newEndpoint();
        Endpoint b = world.newEndpoint();
        ConcurrentLinkedQueue<Received> inbox = collect(b);
        Envelope sent = new Envelope(42, a.contact(), b.transport().localAddress(), new FindNode(TestIds.id(7), 20));

        onNode(a, () -> a.transport().send(sent));
        world.await(() -> !inbox.isEmpty(), WAIT);

        Received r = inbox.poll();
        assertThat(r.envelope()).isEqualTo(sent);
        assertThat(r.source()).isEqualTo(a.transport().localAddress());
        assertThat(r.onNodeThread()).isTrue();
    }

    @Test
    void deliversManyEnvelopesBothWaysAndCountsThem() {
        Endpoint a = world.newEndpoint();
        Endpoint b = world.newEndpoint();
        ConcurrentLinkedQueue<Received> toA = collect(a);
        ConcurrentLinkedQueue<Received> toB = collect(b);
        int n = 300;
        onNode(a, () -> {
            for (int i = 0; i < n; i++) {
                a.transport().send(new Envelope(i, a.contact(), b.transport().localAddress(), new Ping()));
            }
        });
        onNode(b, () -> {
            for (int i = 0; i < n; i++) {
                b.transport().send(new Envelope(1000 + i, b.contact(), a.transport().localAddress(), new Ping()));
            }
        });
        world.await(() -> toA.size() >= n && toB.size() >= n, WAIT);

        assertThat(toB.stream().map(r -> r.envelope().txId()).distinct().count()).isEqualTo(n);
        assertThat(toA.stream().map(r -> r.envelope().txId()).distinct().count()).isEqualTo(n);
        assertThat(a.transport().stats().sent()).isGreaterThanOrEqualTo(n);
        assertThat(b.transport().stats().received()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void carriesRpcsBothWays() {
        Endpoint a = world.newEndpoint();
        Endpoint b = world.newEndpoint();
        RpcEndpoint rpcA = new RpcEndpoint(a.contact(), a.transport(), a.scheduler(), new SplittableRandom(1), RpcConfig.defaults());
        RpcEndpoint rpcB = new RpcEndpoint(b.contact(), b.transport(), b.scheduler(), new SplittableRandom(2), RpcConfig.defaults());
        List<Contact> known = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            known.add(TestIds.contact(i));
        }
        rpcB.register(FindNode.class, (request, ctx) -> new Nodes(known.subList(0, request.count())));

        CompletableFuture<Pong> pong = rpcA.call(b.contact(), new Ping());
        CompletableFuture<Nodes> nodes = rpcA.call(b.contact(), new FindNode(TestIds.id(3), 20));
        CompletableFuture<Pong> back = rpcB.call(a.transport().localAddress(), new Ping());
        world.await(() -> pong.isDone() && nodes.isDone() && back.isDone(), WAIT);

        assertThat(pong.join().observedAddress()).isEqualTo(a.transport().localAddress());
        assertThat(nodes.join().contacts()).isEqualTo(known);
        assertThat(back.join().observedAddress()).isEqualTo(b.transport().localAddress());
        assertThat(rpcB.stats().requestsServed()).isEqualTo(2);
    }

    @Test
    void sendingToAnAddressWhereNobodyListensIsHarmless() {
        Endpoint a = world.newEndpoint();
        Endpoint b = world.newEndpoint();
        Endpoint gone = world.newEndpoint();
        Address nowhere = gone.transport().localAddress();
        gone.transport().close();
        ConcurrentLinkedQueue<Received> inbox = collect(b);
        AtomicBoolean threw = new AtomicBoolean();

        onNode(a, () -> {
            try {
                for (int i = 0; i < 5; i++) {
                    a.transport().send(new Envelope(i, a.contact(), nowhere, new Ping()));
                }
                a.transport().send(new Envelope(99, a.contact(), b.transport().localAddress(), new Ping()));
            } catch (RuntimeException e) {
                threw.set(true);
            }
        });
        world.await(() -> !inbox.isEmpty(), WAIT);

        assertThat(threw).isFalse();
        assertThat(inbox.poll().envelope().txId()).isEqualTo(99);
    }

    @Test
    void aClosedTransportDropsSendsQuietlyAndCountsThem() {
        Endpoint a = world.newEndpoint();
        Endpoint b = world.newEndpoint();
        ConcurrentLinkedQueue<Received> inbox = collect(b);
        a.transport().close();
        AtomicBoolean done = new AtomicBoolean();

        assertThatCode(() -> {
            a.transport().close();
            onNode(b, () -> {
                a.transport().send(new Envelope(1, a.contact(), b.transport().localAddress(), new Ping()));
                done.set(true);
            });
            world.await(done::get, WAIT);
        }).doesNotThrowAnyException();

        assertThat(a.transport().stats().droppedTotal()).isGreaterThanOrEqualTo(1);
        assertThat(inbox).isEmpty();
    }

    @Test
    void aReplyFromAnotherAddressThanTheOneCalledIsDroppedAndCountedAndTheRealOneStillCompletesTheCall() {
        Endpoint a = world.newEndpoint();
        Endpoint b = world.newEndpoint();
        Endpoint forger = world.newEndpoint();
        ConcurrentLinkedQueue<Received> toB = collect(b);
        RpcEndpoint rpcA = new RpcEndpoint(a.contact(), a.transport(), a.scheduler(), new SplittableRandom(1),
                RpcConfig.defaults().withTimeout(Duration.ofSeconds(30)).withMaxAttempts(1));
        CompletableFuture<Pong> pong = rpcA.call(b.contact(), new Ping());
        world.await(() -> !toB.isEmpty(), WAIT);
        long txId = toB.poll().envelope().txId();
        Address aAt = a.transport().localAddress();

        // The forger knows the transaction id and claims to be b; only its source gives it away.
        onNode(forger, () -> forger.transport().send(new Envelope(txId, b.contact(), aAt, new Pong(TestIds.address(66)))));
        world.await(() -> rpcA.stats().forgedResponses() == 1, WAIT);
        assertThat(pong).isNotDone();
        assertThat(rpcA.pendingCalls()).isEqualTo(1);

        onNode(b, () -> b.transport().send(new Envelope(txId, b.contact(), aAt, new Pong(aAt))));
        world.await(pong::isDone, WAIT);
        assertThat(pong.join().observedAddress()).isEqualTo(aAt);
        assertThat(rpcA.stats().responses()).isEqualTo(1);
        assertThat(rpcA.stats().forgedResponses()).isEqualTo(1);
    }
}
