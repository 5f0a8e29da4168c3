package io.chordia.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.testing.SimHarness;
import io.chordia.transport.krpc.KrpcConfig;
import io.chordia.transport.krpc.KrpcWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The RPC layer over KRPC, end to end: a method nobody handles comes back as error 204 (BEP 5),
 * which fails the call as UNSUPPORTED without vouching for the peer (KRPC errors name no id), and a
 * pong reports, through BEP 42's ip, the address the ping came from.
 */
class KrpcRpcSimTest {
    private final SimHarness sim = new SimHarness(3, LinkConditions.ideal(Duration.ofMillis(5)));
    private final RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(200));

    @Test
    void anUnknownMethodIsRefusedWith204AndAPongSaysWhereThePingCameFrom() {
        sim.network.useCodec(new KrpcWireCodec(KrpcConfig.defaults()));
        RpcEndpoint node = sim.rpcNode(1, config);
        RpcEndpoint peer = sim.rpcNode(2, config);
        List<Contact> answered = new ArrayList<>();
        node.scheduler().execute(() -> node.onAnswered(answered::add));

        CompletableFuture<?> vote = node.call(peer.self(), new UnknownQuery("vote"));
        sim.runUntil(vote::isDone, Duration.ofSeconds(5), "vote");
        assertThat(vote).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(RemoteErrorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThat(answered).isEmpty();

        CompletableFuture<Pong> pong = node.call(peer.self(), new Ping());
        sim.runUntil(pong::isDone, Duration.ofSeconds(5), "ping");
        assertThat(pong.join().observedAddress()).isEqualTo(node.self().address());
        assertThat(answered).containsExactly(peer.self());
    }
}
