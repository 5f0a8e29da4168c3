package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.Bep42;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Item;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.core.util.Bytes;
import io.chordia.routing.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A {@code Protocol.MAINLINE} node's BEP 44 get and put handlers, and their answers' error codes. */
class ItemServiceSimTest {
    private final SimHarness sim = new SimHarness(43, LinkConditions.ideal(Duration.ofMillis(5)));
    private final RpcConfig oneTry = RpcConfig.defaults().withTimeout(Duration.ofMillis(200)).withMaxAttempts(1);
    private final RecordSigner signer = RecordSigner.generate(new SplittableRandom(3));
    private final Bytes salt = Bytes.ofUtf8("s");
    private final KademliaNode node = joinedAlone();

    private KademliaNode joinedAlone() {
        SimEndpoint e = sim.network.attach(TestIds.address(1));
        KademliaNode n = (KademliaNode) Protocol.MAINLINE.overlay().newNode(TestIds.contact(1), e.transport(),
                e.scheduler(), sim.streams.stream("node", 1));
        CompletableFuture<Void> joined = n.join(List.of());
        sim.runUntil(joined::isDone, Duration.ofSeconds(5), "join");
        return n;
    }

    private <R extends Response> R call(RpcEndpoint asker, Request<R> request) {
        CompletableFuture<R> reply = asker.call(node.self(), request);
        sim.runUntil(reply::isDone, Duration.ofSeconds(5), "reply");
        return reply.join();
    }

    private ErrorCode refusal(RpcEndpoint asker, Request<?> request) {
        CompletableFuture<?> reply = asker.call(node.self(), request);
        sim.runUntil(reply::isDone, Duration.ofSeconds(5), "reply");
        try {
            reply.join();
        } catch (CompletionException e) {
            return ((RemoteErrorException) e.getCause()).code();
        }
        throw new AssertionError("accepted: " + request);
    }

    private static Bytes bencoded(String text) {
        return Bytes.ofUtf8(text.length() + ":" + text);
    }

    private PutItem mutable(Bytes token, long seq, long cas, String text) {
        Bytes v = bencoded(text);
        return new PutItem(token, v, signer.publicKey(), salt, seq, cas, Bep44Items.sign(signer, salt, seq, v));
    }

    private NodeId mutableTarget() {
        return Bep44Items.mutableTarget(signer.publicKey(), salt);
    }

    @Test
    void anImmutablePutWithTheAskersTokenIsWhatTheNextGetAnswers() {
        RpcEndpoint writer = sim.rpcNode(2, oneTry);
        Bytes v = bencoded("Hello World!");
        Bytes token = call(writer, new GetItem(Bep44Items.immutableTarget(v), -1)).token();

        assertThat(call(writer, new PutItem(token, v, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY))).isEqualTo(new Ack());

        Item item = call(sim.rpcNode(3, oneTry), new GetItem(Bep44Items.immutableTarget(v), -1));
        assertThat(item.value()).isEqualTo(v);
        assertThat(item.isMutable()).isFalse();
        assertThat(item.token().length()).isEqualTo(8);
    }

    @Test
    void aPutNeedsATokenGivenToItsAddressAndAGetPeersTokenIsOne() {
        RpcEndpoint writer = sim.rpcNode(2, oneTry);
        Bytes someoneElses = call(sim.rpcNode(3, oneTry), new GetItem(mutableTarget(), -1)).token();

        assertThat(refusal(writer, mutable(someoneElses, 1, -1, "a"))).isEqualTo(ErrorCode.BAD_TOKEN);
        Bytes swarmToken = call(writer, new GetPeers(mutableTarget())).token();
        assertThat(call(writer, mutable(swarmToken, 1, -1, "a"))).isEqualTo(new Ack());
    }

    @Test
    void refusalsCarryBep44sCodes() {
        RpcEndpoint writer = sim.rpcNode(2, oneTry);
        Bytes token = call(writer, new GetItem(mutableTarget(), -1)).token();
        call(writer, mutable(token, 5, -1, "five"));
        PutItem good = mutable(token, 6, -1, "six");

        assertThat(refusal(writer, mutable(token, 4, -1, "four"))).isEqualTo(ErrorCode.STALE);
        assertThat(refusal(writer, mutable(token, 6, 3, "six"))).isEqualTo(ErrorCode.CAS_FAILED);
        assertThat(refusal(writer, new PutItem(token, bencoded("evil"), good.publicKey(), salt, 6, -1, good.signature())))
                .isEqualTo(ErrorCode.BAD_SIGNATURE);
        assertThat(call(writer, new GetItem(mutableTarget(), -1)).seq()).isEqualTo(5);
        assertThat(refusal(writer, new OversizedPutItem(ErrorCode.VALUE_TOO_BIG, 1005))).isEqualTo(ErrorCode.VALUE_TOO_BIG);
        assertThat(refusal(writer, new OversizedPutItem(ErrorCode.SALT_TOO_BIG, 65))).isEqualTo(ErrorCode.SALT_TOO_BIG);
    }

    @Test
    void aGetWithASeqNotOlderThanTheStoredOneGetsNoValue() {
        RpcEndpoint writer = sim.rpcNode(2, oneTry);
        call(writer, mutable(call(writer, new GetItem(mutableTarget(), -1)).token(), 7, -1, "seven"));

        Item newer = call(writer, new GetItem(mutableTarget(), 6));
        assertThat(newer.value()).isEqualTo(bencoded("seven"));
        assertThat(newer.seq()).isEqualTo(7);
        assertThat(newer.publicKey()).isEqualTo(signer.publicKey());
        assertThat(call(writer, new GetItem(mutableTarget(), 7)).hasValue()).isFalse();
        assertThat(call(writer, new GetItem(mutableTarget(), 9)).hasValue()).isFalse();
    }

    @Test
    void aGetWithoutTheItemAnswersTheClosestContactsAndALargeValueLeavesThemOutToFitADatagram() {
        List<Contact> known = new ArrayList<>();
        for (int i = 100; i < 120; i++) {
            known.add(TestIds.contact(i));
        }
        node.rpc().scheduler().execute(() -> node.installContacts(known));
        RpcEndpoint writer = sim.rpcNode(2, oneTry);
        Bytes big = bencoded("x".repeat(995));
        Bytes token = call(writer, new GetItem(Bep44Items.immutableTarget(big), -1)).token();

        assertThat(call(writer, new GetItem(Bep44Items.immutableTarget(big), -1)).nodes()).hasSize(8);
        call(writer, new PutItem(token, big, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY));
        Item answer = call(writer, new GetItem(Bep44Items.immutableTarget(big), -1));
        assertThat(answer.value()).isEqualTo(big);
        assertThat(answer.nodes()).isEmpty();
    }

    @Test
    void itemsAreForgottenTwoHoursAfterTheirPut() {
        RpcEndpoint writer = sim.rpcNode(2, oneTry);
        call(writer, mutable(call(writer, new GetItem(mutableTarget(), -1)).token(), 1, -1, "one"));

        sim.loop.advance(ItemStore.DEFAULT_TTL.plus(ItemService.EXPIRY_SWEEP));

        assertThat(call(writer, new GetItem(mutableTarget(), -1)).hasValue()).isFalse();
    }

    /** A put goes where an announce goes: the BEP 42-valid holders, then the closest invalid ones to fill up to k. */
    @Test
    void aPutPrefersHoldersWhoseIdMatchesTheirIpOverCloserOnes() {
        SplittableRandom ids = new SplittableRandom(7);
        Bytes v = bencoded("where to");
        List<ItemGetResult.Holder> holders = new ArrayList<>();
        List<Contact> expected = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Contact freelyChosen = new Contact(NodeId.sha1Of("free choice " + i), new Address("198.51.100." + i, 6881));
            holders.add(new ItemGetResult.Holder(freelyChosen, Bytes.ofUtf8("t")));
            if (i <= 2) {
                expected.add(freelyChosen);
            }
        }
        for (int i = 1; i <= 6; i++) {
            byte[] ip = {(byte) 203, 0, 113, (byte) i};
            Contact bound = new Contact(Bep42.idFor(ip, ids), new Address("203.0.113." + i, 6881));
            holders.add(new ItemGetResult.Holder(bound, Bytes.ofUtf8("t")));
            expected.add(bound);
        }
        ItemGetResult found = new ItemGetResult(ItemQuery.immutable(Bep44Items.immutableTarget(v)), null, holders, 12, 0);

        CompletableFuture<ItemPutResult> put = node.itemLookups().orElseThrow()
                .put(found, new PutItem(Bytes.EMPTY, v, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY));
        sim.runUntil(put::isDone, Duration.ofSeconds(30), "put");

        // None of them is attached: every put fails, and the failures name where the put went.
        assertThat(put.join().failed()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
