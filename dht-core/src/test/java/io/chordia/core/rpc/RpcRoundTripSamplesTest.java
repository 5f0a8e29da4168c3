package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Ping;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The endpoint measures round trips on first-attempt replies only (Karn's rule) and hands them to lookups. */
class RpcRoundTripSamplesTest {
    private final SimHarness sim = new SimHarness(7, LinkConditions.ideal(Duration.ofMillis(40)));

    @Test
    void aFirstAttemptReplyIsMeasuredAndARetransmittedOneIsNot() {
        RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(100)).withMaxAttempts(3);
        RpcEndpoint a = sim.rpcNode(1, config);
        sim.rpcNode(2, config);
        CompletableFuture<?> quick = a.call(TestIds.contact(2), new Ping());
        sim.runUntil(quick::isDone, Duration.ofSeconds(1), "pong");
        // One sample of 80 ms: RTO = 80 + 4 · 40.
        assertThat(a.roundTrips().timeoutNanos(TestIds.address(2))).isEqualTo(240_000_000L);

        // 3 would answer in 150 ms, after the first 100-ms attempt: the reply may answer either send.
        sim.rpcNode(3, config);
        LinkConditions slow = LinkConditions.ideal(Duration.ofMillis(75));
        sim.network.setLink(TestIds.address(1), TestIds.address(3), slow);
        sim.network.setLink(TestIds.address(3), TestIds.address(1), slow);
        CompletableFuture<?> retried = a.call(TestIds.contact(3), new Ping());
        sim.runUntil(retried::isDone, Duration.ofSeconds(1), "pong");
        assertThat(retried).isCompleted();
        assertThat(a.roundTrips().knows(TestIds.address(3))).isFalse();
    }

    @Test
    void aPeersTimeoutShortensEachAttemptButNeverLengthensIt() {
        RpcConfig base = RpcConfig.defaults().withTimeout(Duration.ofMillis(300)).withMaxAttempts(2);
        RoundTripTimes rtts = RoundTripTimes.defaults();
        rtts.sample(TestIds.address(2), 30_000_000L, 0L);
        RpcConfig toKnown = rtts.forPeer(TestIds.address(2), base);
        assertThat(toKnown.maxAttempts()).isEqualTo(2);
        assertThat(toKnown.timeout()).isEqualTo(Duration.ofMillis(100)); // 30 + 4 · 15 = 90, clamped up to 100
        rtts.sample(TestIds.address(4), 900_000_000L, 0L);
        assertThat(rtts.forPeer(TestIds.address(4), base)).isSameAs(base);
    }
}
