package io.chordia.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.kademlia.BucketInvariants;
import io.chordia.routing.kademlia.IdOrder;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
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

/**
 * The same Kademlia code over real UDP sockets on 127.0.0.1: 50 nodes join one by one, then
 * lookups in both styles find the true closest nodes; a node is killed and lookups route around it.
 */
class KademliaUdpIT {
    private static final int N = 50;
    private final EventLoopGroup group = NettyEventLoops.newGroup(2, "kademlia-it");
    private final List<KademliaNode> nodes = new ArrayList<>();
    private final List<NettyUdpTransport> transports = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(KademliaNode::stop);
        transports.forEach(NettyUdpTransport::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void fiftyNodesJoinLookUpInBothStylesAndRouteAroundAKilledNode() throws Exception {
        RpcConfig fast = RpcConfig.defaults().withTimeout(Duration.ofMillis(200)).withMaxAttempts(3);
        // A lookup request is sent once and heard until lookupTimeout: 600 ms, what its two sends (200 + 400 ms) waited before.
        KademliaConfig config = KademliaConfig.defaults().withRpc(fast).withLookupTimeout(Duration.ofMillis(600))
                .withHopTimeout(Duration.ofMillis(200)).withRecursiveTimeout(Duration.ofSeconds(2));
        RandomStreams streams = new RandomStreams(2027);
        RandomGenerator ids = streams.stream("ids");
        for (int i = 0; i < N; i++) {
            NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.loopback(), group);
            transports.add(transport);
            KademliaNode node = new KademliaNode(new Contact(NodeId.random(ids), transport.localAddress()), transport,
                    transport.scheduler(), streams.stream("node", i), config);
            nodes.add(node);
            List<Address> bootstrap = i == 0 ? List.of() : List.of(nodes.get(0).self().address());
            node.join(bootstrap).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < N; i++) {
            KademliaNode node = nodes.get(i);
            List<String> violations = CompletableFuture.supplyAsync(() -> BucketInvariants.violations(node),
                    transports.get(i).scheduler()).get(5, TimeUnit.SECONDS);
            assertThat(violations).as("invariants of %s", node.self()).isEmpty();
        }
        assertLookupsFindTheTrueClosest(nodes, 200, "all up");

        KademliaNode victim = nodes.remove(17);
        victim.stop();
        transports.remove(17).close();
        assertLookupsFindTheTrueClosest(nodes, 200, "one killed");
    }

    private static void assertLookupsFindTheTrueClosest(List<KademliaNode> live, int count, String phase) throws Exception {
        List<Contact> all = new ArrayList<>();
        live.forEach(n -> all.add(n.self()));
        RandomGenerator random = new RandomStreams(11).stream("keys-" + phase);
        for (LookupStyle style : LookupStyle.values()) {
            List<CompletableFuture<LookupResult>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(live.get(random.nextInt(live.size())).lookup(NodeId.random(random), style));
            }
            double found = 0;
            for (int i = 0; i < count; i++) {
                LookupResult r = results.get(i).get(20, TimeUnit.SECONDS);
                String slow = slowRequests(live);
                assertThat(r.succeeded()).as("%s %s lookup %s: %s (%s)", phase, style, i, r, slow).isTrue();
                List<Contact> truth = IdOrder.closestDistinct(all, r.target(), 20);
                assertThat(r.owner()).as("%s %s owner of %s (%s)", phase, style, r.target().shortId(), slow).isEqualTo(truth.get(0));
                found += (double) r.closest().stream().filter(truth::contains).count() / truth.size();
                if (style == LookupStyle.ITERATIVE) {
                    // Iterative answers hold only nodes that answered; a recursive answer is the last hop's
                    // table, which may still list the killed node until it is asked again.
                    assertThat(r.closest()).as("%s %s: the 20 closest (%s)", phase, style, slow).containsExactlyElementsOf(truth);
                }
            }
            assertThat(found / count).as("%s %s: share of the true 20 closest", phase, style).isGreaterThanOrEqualTo(0.95);
        }
    }

    /** Lookup requests that outlived their round-trip timeout, and how many of them were answered late, over all nodes. */
    private static String slowRequests(List<KademliaNode> live) {
        long slow = live.stream().mapToLong(n -> n.stats().slowQueries()).sum();
        long late = live.stream().mapToLong(n -> n.stats().lateAnswers()).sum();
        return slow + " requests slow, " + late + " of them answered late";
    }
}
