package io.chordia.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.PutItem;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.util.Bytes;
import io.chordia.routing.Protocol;
import io.chordia.routing.kademlia.ItemGetResult;
import io.chordia.routing.kademlia.ItemLookups;
import io.chordia.routing.kademlia.ItemPutResult;
import io.chordia.routing.kademlia.ItemQuery;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.transport.krpc.KrpcConfig;
import io.chordia.transport.krpc.KrpcWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BEP 44 items through 64 {@code Protocol.MAINLINE} nodes whose every envelope is encoded to KRPC and
 * decoded back: an item one node puts, another gets, and a mutable item's update wins over its first
 * version wherever it is read.
 */
class ItemsOverKrpcSimTest {
    private final SimHarness sim = new SimHarness(23,
            LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(30))));
    private final List<KademliaNode> nodes = new ArrayList<>();
    private final RecordSigner signer = RecordSigner.generate(new SplittableRandom(5));

    @BeforeEach
    void joinSixtyFourNodes() {
        sim.network.useCodec(new KrpcWireCodec(KrpcConfig.defaults().withForeignIdMemory(1 << 16)));
        for (int i = 0; i < 64; i++) {
            Contact self = new Contact(NodeId.sha1Of("node " + i), new Address("10." + i + ".0.1", 6881));
            SimEndpoint e = sim.network.attach(self.address());
            nodes.add((KademliaNode) Protocol.MAINLINE.overlay().newNode(self, e.transport(), e.scheduler(),
                    sim.streams.stream("node", i)));
        }
        Address seed = nodes.get(0).self().address();
        sim.runUntil(nodes.get(0).join(List.of())::isDone, Duration.ofSeconds(1), "seed");
        for (int i = 1; i < nodes.size(); i++) {
            CompletableFuture<Void> joined = nodes.get(i).join(List.of(seed));
            sim.runUntil(joined::isDone, Duration.ofMinutes(1), "join of node " + i);
            assertThat(joined).isNotCompletedExceptionally();
        }
    }

    private ItemLookups items(int node) {
        return nodes.get(node).itemLookups().orElseThrow();
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        sim.runUntil(future::isDone, Duration.ofMinutes(1), what);
        return future.join();
    }

    private static Bytes bencoded(String text) {
        return Bytes.ofUtf8(text.length() + ":" + text);
    }

    private PutItem mutable(long seq, long cas, Bytes salt, String text) {
        Bytes v = bencoded(text);
        return new PutItem(Bytes.EMPTY, v, signer.publicKey(), salt, seq, cas, Bep44Items.sign(signer, salt, seq, v));
    }

    @Test
    void anImmutableItemPutByOneNodeIsGotByAnother() {
        Bytes v = bencoded("x".repeat(995)); // the largest value: its get answer must still fit one datagram
        ItemPutResult put = await(items(5).put(new PutItem(Bytes.EMPTY, v, Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY)),
                "put");

        assertThat(put.stored()).hasSize(8);
        assertThat(put.refused()).isEmpty();
        ItemGetResult got = await(items(50).get(ItemQuery.immutable(Bep44Items.immutableTarget(v))), "get");
        assertThat(got.found()).isTrue();
        assertThat(got.item().value()).isEqualTo(v);
        // Every node the put stored at answered the get (besides them, the get asks whichever of the 2k nearest
        // its lookup met, so how many answered in all depends on the lookup's path).
        assertThat(got.holders().stream().map(ItemGetResult.Holder::contact).toList()).containsAll(put.stored());
        assertThat(got.rejected()).isZero();
    }

    @Test
    void aMutableItemsUpdateIsWhatEveryReaderGets() {
        Bytes salt = Bytes.ofUtf8("profile");
        assertThat(await(items(3).put(mutable(1, -1, salt, "first")), "put 1").stored()).hasSize(8);
        ItemGetResult first = await(items(40).get(ItemQuery.mutable(signer.publicKey(), salt)), "get 1");
        assertThat(first.item().seq()).isEqualTo(1);

        ItemPutResult second = await(items(40).put(first, mutable(2, 1, salt, "second")), "put 2");
        assertThat(second.stored()).hasSize(8);
        ItemPutResult stale = await(items(9).put(mutable(1, -1, salt, "first")), "stale put");
        assertThat(stale.stored()).isEmpty();
        assertThat(stale.refused()).hasSize(8).allMatch(r -> r.contains("STALE"));

        for (int reader : new int[] {0, 17, 63}) {
            ItemGetResult got = await(items(reader).get(ItemQuery.mutable(signer.publicKey(), salt)), "get 2");
            assertThat(got.item().seq()).isEqualTo(2);
            assertThat(got.item().value()).isEqualTo(bencoded("second"));
        }
        // Read under another salt, the same key's item is not there.
        assertThat(await(items(17).get(ItemQuery.mutable(signer.publicKey(), Bytes.EMPTY)), "other salt").found()).isFalse();
    }
}
