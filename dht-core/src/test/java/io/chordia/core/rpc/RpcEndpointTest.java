package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RpcEndpointTest {
    private static final Duration LINK = Duration.ofMillis(10);
    private final SimHarness sim = new SimHarness(5, LinkConditions.ideal(LINK));
    private final RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(100));

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void answersPingWithTheObservedAddressAndMeasuresTheRoundTrip() {
        RpcEndpoint a = sim.rpcNode(1, config);
        RpcEndpoint b = sim.rpcNode(2, config);
        CompletableFuture<Reply<Pong>> reply = a.exchange(b.self().address(), null, new Ping(), config);
        sim.runUntil(reply::isDone, Duration.ofSeconds(1), "pong");

        assertThat(reply.join().body().observedAddress()).isEqualTo(a.self().address());
        assertThat(reply.join().responder()).isEqualTo(b.self());
        assertThat(reply.join().rttNanos()).isEqualTo(2 * LINK.toNanos());
        assertThat(reply.join().attempts()).isEqualTo(1);
        assertThat(a.pendingCalls()).isZero();
    }

    @Test
    void retriesWithBackoffThenTimesOut() {
        RpcEndpoint a = sim.rpcNode(1, config);
        sim.network.attach(TestIds.address(2)).crash();
        long start = sim.loop.nowNanos();
        CompletableFuture<Pong> pong = a.call(TestIds.contact(2), new Ping());
        sim.runUntil(pong::isDone, Duration.ofSeconds(10), "timeout");

        assertThat(failureOf(pong)).isInstanceOf(RpcTimeoutException.class).hasMessageContaining("3 attempts");
        // 100 ms, then 200 ms, then 400 ms.
        assertThat(Duration.ofNanos(sim.loop.nowNanos() - start)).isEqualTo(Duration.ofMillis(700));
        assertThat(a.stats().retransmissions()).isEqualTo(2);
        assertThat(a.stats().timeouts()).isEqualTo(1);
        assertThat(a.stats().timeoutsByType()).as("by request type").isEqualTo(java.util.Map.of("Ping", 1L));
        assertThat(a.pendingCalls()).isZero();
    }

    @Test
    void theCallbackFormTellsEachOutcomeOnceAndSurvivesACallbackThatThrows() {
        RpcEndpoint a = sim.rpcNode(1, config);
        RpcEndpoint b = sim.rpcNode(2, config);
        sim.network.attach(TestIds.address(3)).crash();
        List<String> told = new ArrayList<>();
        sim.loop.schedule(Duration.ZERO, () -> {
            a.exchange(b.self().address(), b.self().id(), new Ping(), config, (reply, failure) -> {
                told.add("reply from " + reply.responder().id().equals(b.self().id()) + ", failure " + failure);
                throw new IllegalStateException("a careless caller");
            });
            a.call(TestIds.contact(3), new Ping(), (reply, failure) -> told.add(reply + " " + failure.getClass().getSimpleName()));
        });
        sim.loop.advance(Duration.ofSeconds(2));

        assertThat(told).containsExactly("reply from true, failure null", "null RpcTimeoutException");
        assertThat(a.stats().callbackFailures()).isEqualTo(1);
        assertThat(a.pendingCalls()).isZero();
        // the endpoint still works after the callback threw
        CompletableFuture<Reply<Pong>> again = a.exchange(b.self().address(), null, new Ping(), config);
        sim.runUntil(again::isDone, Duration.ofSeconds(1), "pong");
        assertThat(again.join().responder()).isEqualTo(b.self());
    }

    @Test
    void aRetryRescuesACallWhoseFirstRequestWasLost() {
        RpcEndpoint a = sim.rpcNode(1, config);
        RpcEndpoint b = sim.rpcNode(2, config);
        sim.network.block(a.self().address(), b.self().address());
        CompletableFuture<Reply<Pong>> reply = a.exchange(b.self().address(), null, new Ping(), config);
        sim.loop.advance(Duration.ofMillis(50));
        sim.network.heal();
        sim.runUntil(reply::isDone, Duration.ofSeconds(2), "reply");

        assertThat(reply.join().attempts()).isEqualTo(2);
        assertThat(a.stats().retransmissions()).isEqualTo(1);
    }

    @Test
    void lateAndDuplicateRepliesAreIgnoredAndCounted() {
        RpcEndpoint a = sim.rpcNode(1, config.withMaxAttempts(1));
        RpcEndpoint b = sim.rpcNode(2, config);
        // Replies take 150 ms: longer than the 100 ms timeout.
        sim.network.setLink(b.self().address(), a.self().address(), LinkConditions.ideal(Duration.ofMillis(150)));
        CompletableFuture<Pong> late = a.call(b.self(), new Ping());
        sim.runUntil(() -> a.stats().lateResponses() == 1, Duration.ofSeconds(1), "late reply");
        assertThat(failureOf(late)).isInstanceOf(RpcTimeoutException.class);

        sim.network.setLink(b.self().address(), a.self().address(),
                LinkConditions.ideal(LINK).withDuplication(1.0));
        CompletableFuture<Pong> twice = a.call(b.self(), new Ping());
        sim.runUntil(() -> a.stats().duplicateResponses() == 1, Duration.ofSeconds(1), "duplicate reply");
        assertThat(twice).isCompletedWithValueMatching(p -> p.observedAddress().equals(a.self().address()));
        assertThat(a.stats().responses()).isEqualTo(1);
    }

    @Test
    void aResponderWithAnotherIdFailsTheCall() {
        RpcEndpoint a = sim.rpcNode(1, config);
        sim.rpcNode(2, config);
        Contact impostor = new Contact(NodeId.sha1Of("someone else"), TestIds.address(2));
        CompletableFuture<Pong> pong = a.call(impostor, new Ping());
        sim.runUntil(pong::isDone, Duration.ofSeconds(1), "reply");
        assertThat(failureOf(pong)).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("answered as");
        assertThat(a.stats().unexpectedResponses()).isEqualTo(1);
    }

    @Test
    void unsupportedRefusedAndFailingHandlersAnswerWithErrors() {
        RpcEndpoint a = sim.rpcNode(1, config);
        RpcEndpoint b = sim.rpcNode(2, config);
        CompletableFuture<Nodes> unsupported = a.call(b.self(), new FindNode(TestIds.id(9), 5));
        sim.runUntil(unsupported::isDone, Duration.ofSeconds(1), "reply");
        assertThat(failureOf(unsupported)).isInstanceOfSatisfying(RemoteErrorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));

        b.register(FindNode.class, (q, ctx) -> {
            throw new RequestRefusedException(ErrorCode.REFUSED, "quota");
        });
        CompletableFuture<Nodes> refused = a.call(b.self(), new FindNode(TestIds.id(9), 5));
        sim.runUntil(refused::isDone, Duration.ofSeconds(1), "reply");
        assertThat(failureOf(refused)).isInstanceOfSatisfying(RemoteErrorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.REFUSED));

        b.register(FindNode.class, (q, ctx) -> {
            throw new IllegalStateException("bug");
        });
        CompletableFuture<Nodes> failed = a.call(b.self(), new FindNode(TestIds.id(9), 5));
        sim.runUntil(failed::isDone, Duration.ofSeconds(1), "reply");
        assertThat(failureOf(failed)).isInstanceOfSatisfying(RemoteErrorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThat(b.stats().handlerFailures()).isEqualTo(1);
        assertThat(b.stats().requestsUnsupported()).isEqualTo(1);
        assertThat(b.stats().requestsRefused()).isEqualTo(1);
    }

    @Test
    void asyncHandlersAnswerWhenTheirWorkCompletes() {
        RpcEndpoint a = sim.rpcNode(1, config);
        RpcEndpoint b = sim.rpcNode(2, config);
        RpcEndpoint c = sim.rpcNode(3, config);
        c.register(FindNode.class, (q, ctx) -> new Nodes(List.of(c.self())));
        // b answers by asking c first, as a recursive lookup hop does.
        b.registerAsync(FindNode.class, (q, ctx) -> b.call(c.self(), q));
        CompletableFuture<Nodes> nodes = a.call(b.self(), new FindNode(TestIds.id(3), 1));
        sim.runUntil(nodes::isDone, Duration.ofSeconds(1), "reply");
        assertThat(nodes.join().contacts()).containsExactly(c.self());
    }

    @Test
    void aFullPendingTableFailsFastInsteadOfGrowing() {
        RpcEndpoint a = sim.rpcNode(1, config.withMaxPendingCalls(10));
        sim.network.attach(TestIds.address(2)).crash();
        List<CompletableFuture<Pong>> calls = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            calls.add(a.call(TestIds.contact(2), new Ping()));
        }
        assertThat(a.pendingCalls()).isEqualTo(10);
        assertThat(failureOf(calls.get(10))).isInstanceOf(RpcOverloadedException.class);
        assertThat(a.stats().overloaded()).isEqualTo(1);
    }

    @Test
    void closeFailsPendingCallsAndRefusesNewOnes() {
        RpcEndpoint a = sim.rpcNode(1, config);
        sim.network.attach(TestIds.address(2)).crash();
        CompletableFuture<Pong> pending = a.call(TestIds.contact(2), new Ping());
        a.close();
        assertThat(failureOf(pending)).isInstanceOf(RpcClosedException.class);
        assertThat(failureOf(a.call(TestIds.contact(2), new Ping()))).isInstanceOf(RpcClosedException.class);
        sim.loop.runUntilIdle(100);
        assertThat(a.stats().timeouts()).isZero();
    }
}
