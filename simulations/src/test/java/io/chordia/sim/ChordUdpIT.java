package io.chordia.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.chord.SortedRing;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same Chord code over real UDP sockets on 127.0.0.1: 50 nodes, lookups in both styles, a node killed. */
class ChordUdpIT {
    private static final int N = 50;
    private final EventLoopGroup group = NettyEventLoops.newGroup(2, "chord-it");
    private final List<ChordNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ChordNode::stop);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void fiftyNodesJoinLookUpInBothStylesAndSurviveAKill() throws Exception {
        RpcConfig fast = RpcConfig.defaults().withTimeout(Duration.ofMillis(100)).withBackoffFactor(1.0);
        ChordConfig config = ChordConfig.defaults().withStabilizeInterval(Duration.ofMillis(100))
                .withFixFingersInterval(Duration.ofMillis(50)).withMaintenanceRpc(fast.withMaxAttempts(3))
                .withLookupRpc(fast.withMaxAttempts(1));
        RandomStreams streams = new RandomStreams(2026);
        RandomGenerator ids = streams.stream("ids");
        for (int i = 0; i < N; i++) {
            NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.loopback(), group);
            ChordNode node = new ChordNode(new Contact(NodeId.random(ids), transport.localAddress()), transport,
                    transport.scheduler(), streams.stream("node", i), config);
            nodes.add(node);
            List<Address> bootstrap = i == 0 ? List.of() : List.of(nodes.get(0).self().address());
            node.join(bootstrap).get(10, TimeUnit.SECONDS);
        }
        IdealSuccessors.await(nodes, Duration.ofSeconds(30));
        assertLookupsCorrect(nodes, 200);

        ChordNode victim = nodes.remove(17);
        victim.stop();
        IdealSuccessors.await(nodes, Duration.ofSeconds(30));
        assertLookupsCorrect(nodes, 200);
    }

    private void assertLookupsCorrect(List<ChordNode> live, int count) throws Exception {
        List<Contact> ring = IdealSuccessors.sorted(live);
        RandomGenerator random = new RandomStreams(7).stream("keys", live.size());
        for (LookupStyle style : LookupStyle.values()) {
            List<NodeId> keys = new ArrayList<>();
            List<CompletableFuture<LookupResult>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                NodeId key = NodeId.random(random);
                keys.add(key);
                results.add(live.get(random.nextInt(live.size())).lookup(key, style));
            }
            for (int i = 0; i < count; i++) {
                LookupResult r = results.get(i).get(10, TimeUnit.SECONDS);
                assertThat(r.succeeded()).as("%s lookup %s: %s", style, i, r).isTrue();
                assertThat(r.owner()).as("%s owner of %s: %s", style, keys.get(i), r).isEqualTo(SortedRing.successorOf(ring, keys.get(i)));
            }
        }
    }
}
