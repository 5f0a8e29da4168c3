package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The endpoint names the peers that answered our calls, and only those: the proof a saved contact needs. */
class RpcAnsweredContactsTest {
    private final SimHarness sim = new SimHarness(9, LinkConditions.ideal(Duration.ofMillis(5)));
    private final RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(100));

    private List<Contact> listen(RpcEndpoint node) {
        List<Contact> answered = new ArrayList<>();
        node.scheduler().execute(() -> node.onAnswered(answered::add));
        sim.loop.advance(Duration.ofMillis(1));
        return answered;
    }

    private void settle(CompletableFuture<?> f) {
        sim.runUntil(f::isDone, Duration.ofSeconds(5), "call");
    }

    @Test
    void aReplyOrARefusalNamesTheResponderAtTheAddressCalled() {
        RpcEndpoint node = sim.rpcNode(1, config);
        RpcEndpoint peer = sim.rpcNode(2, config);
        List<Contact> answered = listen(node);
        settle(node.call(peer.self().address(), new Ping()));
        settle(node.call(peer.self(), new FindNode(TestIds.id(7), 3))); // not served there: UNSUPPORTED, still an answer
        assertThat(answered).containsExactly(peer.self(), peer.self());
        assertThat(node.stats().errorReplies()).isEqualTo(1);
    }

    @Test
    void silenceAWrongIdAndForgedDatagramsNameNobody() {
        RpcEndpoint node = sim.rpcNode(1, config);
        sim.rpcNode(2, config);
        sim.network.attach(TestIds.address(3)).crash();
        List<Contact> answered = listen(node);
        settle(node.call(TestIds.contact(3), new Ping())); // dead
        settle(node.call(new Contact(TestIds.id(99), TestIds.address(2)), new Ping())); // someone else lives there
        SimEndpoint forger = sim.network.attach(TestIds.address(4));
        forger.transport().send(new Envelope(42, new Contact(TestIds.id(50), TestIds.address(50)), TestIds.address(1),
                new Pong(TestIds.address(1))));
        forger.transport().send(new Envelope(43, new Contact(TestIds.id(51), TestIds.address(51)), TestIds.address(1),
                new Ping()));
        sim.loop.advance(Duration.ofSeconds(1));
        assertThat(answered).isEmpty();
    }

    /** A KRPC error names no sender id: it fails the call with the peer's code and vouches for nobody. */
    @Test
    void anAnonymousRefusalFailsTheCallButNamesNobody() {
        RpcEndpoint node = sim.rpcNode(1, config);
        SimEndpoint peer = sim.network.attach(TestIds.address(2));
        boolean[] anonymous = {true};
        peer.transport().onReceive((envelope, source) -> peer.transport().send(new Envelope(envelope.txId(),
                new Contact(NodeId.ZERO, TestIds.address(2)), source, new ErrorReply(ErrorCode.UNSUPPORTED, "method unknown"),
                anonymous[0] ? EnvelopeHints.ANONYMOUS : EnvelopeHints.NONE)));
        List<Contact> answered = listen(node);

        CompletableFuture<Pong> refused = node.call(TestIds.contact(2), new Ping());
        settle(refused);
        anonymous[0] = false;
        CompletableFuture<Pong> wrongId = node.call(TestIds.contact(2), new Ping());
        settle(wrongId);

        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(RemoteErrorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        // The same reply not marked anonymous is a wrong id, as it always was.
        assertThat(wrongId).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(UnexpectedResponseException.class);
        assertThat(answered).isEmpty();
    }
}
