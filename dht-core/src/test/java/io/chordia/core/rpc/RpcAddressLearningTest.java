package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.net.ExternalAddressVotes;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The endpoint owns the address this node gives peers: it changes it when told, or when enough
 * peers on distinct addresses answer our pings naming the same one, and nothing else moves it.
 */
class RpcAddressLearningTest {
    private static final Address BEHIND_NAT = new Address("203.0.113.5", 4000);
    private final SimHarness sim = new SimHarness(7, LinkConditions.ideal(Duration.ofMillis(5)));
    private final RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(100));

    /** A peer that reports whatever {@code observed} says, as a NAT's outside would look to it. */
    private RpcEndpoint reporter(int n, Address observed) {
        RpcEndpoint peer = sim.rpcNode(n, config);
        peer.register(Ping.class, (ping, ctx) -> new Pong(observed));
        return peer;
    }

    private void ping(RpcEndpoint from, RpcEndpoint to) {
        CompletableFuture<Pong> pong = from.call(to.self(), new Ping());
        sim.runUntil(pong::isDone, Duration.ofSeconds(2), "pong");
        assertThat(pong).isCompletedWithValueMatching(p -> p != null);
    }

    private void onNode(RpcEndpoint node, Runnable task) {
        node.scheduler().execute(task);
        sim.loop.advance(Duration.ofMillis(1));
    }

    @Test
    void adoptAddressChangesWhatEverythingSentAfterwardsCarries() {
        RpcEndpoint node = sim.rpcNode(1, config);
        RpcEndpoint peer = sim.rpcNode(2, config);
        List<Contact> senders = new ArrayList<>();
        peer.register(Ping.class, (ping, ctx) -> {
            senders.add(ctx.sender());
            return new Pong(ctx.source());
        });
        ping(node, peer);
        onNode(node, () -> node.adoptAddress(BEHIND_NAT, "test"));
        ping(node, peer);
        assertThat(node.self()).isEqualTo(new Contact(TestIds.id(1), BEHIND_NAT));
        assertThat(senders).extracting(Contact::address).containsExactly(TestIds.address(1), BEHIND_NAT);
        assertThat(senders).extracting(Contact::id).containsOnly(TestIds.id(1));
    }

    @Test
    void threePeersOnDistinctAddressesMoveTheNodeAndTwoDoNot() {
        RpcEndpoint node = sim.rpcNode(1, config);
        onNode(node, () -> node.learnAddressFrom(ExternalAddressVotes.defaults()));
        List<RpcEndpoint> peers = List.of(reporter(2, BEHIND_NAT), reporter(3, BEHIND_NAT), reporter(4, BEHIND_NAT));
        ping(node, peers.get(0));
        ping(node, peers.get(1));
        assertThat(node.self().address()).isEqualTo(TestIds.address(1));
        ping(node, peers.get(2));
        assertThat(node.self().address()).isEqualTo(BEHIND_NAT);
    }

    @Test
    void oneHostilePeerCannotMoveTheNodeHoweverOftenItAnswers() {
        RpcEndpoint node = sim.rpcNode(1, config);
        onNode(node, () -> node.learnAddressFrom(ExternalAddressVotes.defaults()));
        RpcEndpoint liar = reporter(2, new Address("198.18.0.66", 6666));
        for (int i = 0; i < 10; i++) {
            ping(node, liar);
        }
        assertThat(node.self().address()).isEqualTo(TestIds.address(1));
    }

    @Test
    void reportsNobodyElseCouldUseAreIgnored() {
        RpcEndpoint node = sim.rpcNode(1, config);
        onNode(node, () -> node.learnAddressFrom(ExternalAddressVotes.defaults()));
        List<Address> nonsense = List.of(new Address("0.0.0.0", 4000), new Address("127.0.0.1", 4000),
                new Address("::", 4000));
        for (int i = 0; i < nonsense.size() * 3; i++) {
            ping(node, reporter(10 + i, nonsense.get(i % nonsense.size())));
        }
        assertThat(node.self().address()).isEqualTo(TestIds.address(1));
    }

    /** BEP 42: a KRPC answer of any kind carries {@code ip}, the address the responder saw our query come from. */
    @Test
    void theObservedAddressOnAnyAnswerToOurCallsVotesAsAPongsDoes() {
        RpcEndpoint node = sim.rpcNode(1, config);
        onNode(node, () -> node.learnAddressFrom(ExternalAddressVotes.defaults()));
        for (int n = 2; n <= 4; n++) {
            SimEndpoint peer = sim.network.attach(TestIds.address(n));
            Contact self = TestIds.contact(n);
            peer.transport().onReceive((request, source) -> peer.transport().send(new Envelope(request.txId(), self,
                    source, new Nodes(List.of()), new EnvelopeHints(false, BEHIND_NAT, false))));
            CompletableFuture<Nodes> nodes = node.call(self, new FindNode(TestIds.id(9), 8));
            sim.runUntil(nodes::isDone, Duration.ofSeconds(2), "nodes");
            assertThat(node.self().address()).isEqualTo(n < 4 ? TestIds.address(1) : BEHIND_NAT);
        }
    }

    @Test
    void unsolicitedAnswersWithAnObservedAddressAreNotCounted() {
        RpcEndpoint node = sim.rpcNode(1, config);
        onNode(node, () -> node.learnAddressFrom(ExternalAddressVotes.defaults()));
        for (int n = 2; n <= 6; n++) {
            SimEndpoint forger = sim.network.attach(TestIds.address(n));
            forger.transport().send(new Envelope(1000 + n, TestIds.contact(n), TestIds.address(1), new Nodes(List.of()),
                    new EnvelopeHints(false, BEHIND_NAT, false)));
        }
        sim.loop.advance(Duration.ofSeconds(1));
        assertThat(node.self().address()).isEqualTo(TestIds.address(1));
    }

    @Test
    void unsolicitedPongsAreNotCounted() {
        RpcEndpoint node = sim.rpcNode(1, config);
        onNode(node, () -> node.learnAddressFrom(ExternalAddressVotes.defaults()));
        for (int n = 2; n <= 6; n++) {
            SimEndpoint forger = sim.network.attach(TestIds.address(n));
            forger.transport().send(new Envelope(1000 + n, TestIds.contact(n), TestIds.address(1), new Pong(BEHIND_NAT)));
        }
        sim.loop.advance(Duration.ofSeconds(1));
        assertThat(node.self().address()).isEqualTo(TestIds.address(1));
        assertThat(node.stats().unknownResponses()).isEqualTo(5);
    }

    @Test
    void withoutLearningPongsChangeNothing() {
        RpcEndpoint node = sim.rpcNode(1, config);
        for (int n = 2; n <= 5; n++) {
            ping(node, reporter(n, BEHIND_NAT));
        }
        assertThat(node.self().address()).isEqualTo(TestIds.address(1));
    }
}
