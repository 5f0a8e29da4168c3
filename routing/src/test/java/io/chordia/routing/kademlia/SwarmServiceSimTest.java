package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Response;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.core.util.Bytes;
import io.chordia.routing.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A {@code Protocol.MAINLINE} node's get_peers and announce_peer, and BEP 43's read-only askers. */
class SwarmServiceSimTest {
    private final SimHarness sim = new SimHarness(41, LinkConditions.ideal(Duration.ofMillis(5)));
    private final RpcConfig oneTry = RpcConfig.defaults().withTimeout(Duration.ofMillis(200)).withMaxAttempts(1);
    private final NodeId infoHash = TestIds.id(77);
    private final KademliaNode node = joinedAlone();

    private KademliaNode joinedAlone() {
        SimEndpoint e = sim.network.attach(TestIds.address(1));
        KademliaNode n = (KademliaNode) Protocol.MAINLINE.overlay().newNode(TestIds.contact(1), e.transport(),
                e.scheduler(), sim.streams.stream("node", 1));
        CompletableFuture<Void> joined = n.join(List.of());
        sim.runUntil(joined::isDone, Duration.ofSeconds(5), "join");
        return n;
    }

    private <R extends Response> R call(RpcEndpoint asker, io.chordia.core.message.Request<R> request) {
        CompletableFuture<R> reply = asker.call(node.self(), request);
        sim.runUntil(reply::isDone, Duration.ofSeconds(5), "reply");
        return reply.join();
    }

    private ErrorCode refusal(RpcEndpoint asker, io.chordia.core.message.Request<?> request) {
        CompletableFuture<?> reply = asker.call(node.self(), request);
        sim.runUntil(reply::isDone, Duration.ofSeconds(5), "reply");
        try {
            reply.join();
        } catch (CompletionException e) {
            return ((RemoteErrorException) e.getCause()).code();
        }
        throw new AssertionError("accepted: " + request);
    }

    @Test
    void getPeersWithoutPeersAnswersTheEightClosestContactsAndAToken() {
        List<Contact> known = new ArrayList<>();
        for (int i = 100; i < 120; i++) {
            known.add(TestIds.contact(i));
        }
        node.rpc().scheduler().execute(() -> node.installContacts(known));
        RpcEndpoint asker = sim.rpcNode(2, oneTry);

        Peers peers = call(asker, new GetPeers(infoHash));

        assertThat(node.config().k()).isEqualTo(8);
        assertThat(peers.values()).isEmpty();
        assertThat(peers.token().length()).isEqualTo(8);
        assertThat(peers.nodes()).hasSize(8).isSubsetOf(known);
    }

    @Test
    void anAnnounceWithTheAskersTokenIsWhatTheNextGetPeersAnswers() {
        RpcEndpoint announcer = sim.rpcNode(2, oneTry);
        Bytes token = call(announcer, new GetPeers(infoHash)).token();

        assertThat(call(announcer, new AnnouncePeer(infoHash, 6881, false, token))).isEqualTo(new Ack());

        Peers peers = call(sim.rpcNode(3, oneTry), new GetPeers(infoHash));
        assertThat(peers.values()).containsExactly(new Address(TestIds.address(2).host(), 6881));
        assertThat(peers.nodes()).isEmpty();
        assertThat(peers.token().length()).isEqualTo(8);
    }

    @Test
    void impliedPortTakesTheDatagramsSourcePort() {
        RpcEndpoint announcer = sim.rpcNode(2, oneTry);
        Bytes token = call(announcer, new GetPeers(infoHash)).token();

        call(announcer, new AnnouncePeer(infoHash, 1, true, token));

        assertThat(call(announcer, new GetPeers(infoHash)).values()).containsExactly(TestIds.address(2));
    }

    @Test
    void aTokenIsRefusedFromAnotherAddressAndAForgedOneFromAnyone() {
        Bytes token = call(sim.rpcNode(2, oneTry), new GetPeers(infoHash)).token();
        RpcEndpoint other = sim.rpcNode(3, oneTry);

        assertThat(refusal(other, new AnnouncePeer(infoHash, 6881, false, token))).isEqualTo(ErrorCode.BAD_TOKEN);
        assertThat(refusal(other, new AnnouncePeer(infoHash, 6881, false, Bytes.ofUtf8("forged!!"))))
                .isEqualTo(ErrorCode.BAD_TOKEN);
        assertThat(call(other, new GetPeers(infoHash)).values()).isEmpty();
    }

    @Test
    void tokensOutliveOneRotationButNotTwo() {
        RpcEndpoint announcer = sim.rpcNode(2, oneTry);
        Bytes token = call(announcer, new GetPeers(infoHash)).token();

        sim.loop.advance(SwarmService.TOKEN_ROTATION);
        assertThat(call(announcer, new AnnouncePeer(infoHash, 6881, false, token))).isEqualTo(new Ack());
        sim.loop.advance(SwarmService.TOKEN_ROTATION);
        assertThat(refusal(announcer, new AnnouncePeer(infoHash, 6881, false, token))).isEqualTo(ErrorCode.BAD_TOKEN);
    }

    @Test
    void announcedPeersAreForgottenThirtyMinutesLater() {
        RpcEndpoint announcer = sim.rpcNode(2, oneTry);
        call(announcer, new AnnouncePeer(infoHash, 6881, false, call(announcer, new GetPeers(infoHash)).token()));

        sim.loop.advance(SwarmStore.DEFAULT_TTL.plus(SwarmService.EXPIRY_SWEEP));

        assertThat(call(announcer, new GetPeers(infoHash)).values()).isEmpty();
    }

    @Test
    void aReadOnlySenderIsAnsweredButNotAddedToTheTable() {
        SimEndpoint readOnly = sim.network.attach(TestIds.address(4));
        // It answers the node's verification pings, so only the read-only mark can keep it out.
        sim.rpcNodeOn(readOnly, TestIds.contact(4), 4, oneTry);
        readOnly.scheduler().execute(() -> readOnly.transport().send(new Envelope(1, TestIds.contact(4), node.self().address(),
                new GetPeers(infoHash), new EnvelopeHints(true, null, false))));
        call(sim.rpcNode(3, oneTry), new GetPeers(infoHash));
        sim.loop.advance(Duration.ofSeconds(5));

        assertThat(node.routingTable().contains(TestIds.id(3))).isTrue();
        assertThat(node.routingTable().contains(TestIds.id(4))).isFalse();
    }
}
