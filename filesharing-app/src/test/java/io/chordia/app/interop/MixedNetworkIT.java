package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.node.NodeSettings;
import io.chordia.app.node.PeerDaemon;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.transport.WireProfile;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.Protocol;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.kademlia.SwarmClient;
import io.chordia.transport.WireCodecs;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's mixed network on 127.0.0.1: 20 Chordia nodes, 5 libtorrent and 5 bittorrent-dht, all
 * joined through the first Chordia node. Each of the 30 announces its own infohash, and every node
 * of every implementation looks up every infohash with get_peers and must find the announced peer
 * (900 lookups). Prints each implementation's lookup latency (p50, p99) and success.
 *
 * <p>The first Chordia node is a whole {@code --protocol mainline} daemon (guard, control verbs,
 * the path {@code chordia announce}/{@code peers} take); the other 19 are the same overlay node
 * in this JVM, each on its own UDP socket and KRPC codec, sharing two event loop threads: 20
 * daemons (each with its own event loops, store, control server and JIT) would cost this 2-core
 * machine more than the 10 peer processes, and their extra parts are not what this test is about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixedNetworkIT {
    private static final int CHORDIA = 20;
    private static final int PER_KIND = 5;
    private static final Protocol MAINLINE = Protocol.parse("mainline");

    private final RandomStreams streams = new RandomStreams(42);
    private final EventLoopGroup group = NettyEventLoops.newGroup(2, "mixed-network");
    private final List<NettyUdpTransport> transports = new ArrayList<>();
    /** The daemon's node first. */
    private final List<OverlayNode> chordia = new ArrayList<>();
    private final List<InteropPeer> peers = new ArrayList<>();
    private PeerDaemon daemon;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT, PeerKind.BITTORRENT_DHT);
        daemon = PeerDaemon.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(ChordiaProcesses.freePort())
                .withProtocol(MAINLINE).withBootstrap(List.of()).withDataDir(dir.resolve("daemon")));
        chordia.add(daemon.node());
        Address first = daemon.self().address();
        for (int i = 1; i < CHORDIA; i++) {
            TransportConfig config = TransportConfig.loopback();
            NettyUdpTransport t = NettyUdpTransport.start(config, group,
                    WireCodecs.forProfile(WireProfile.KRPC, config.maxDatagramBytes()));
            transports.add(t);
            OverlayNode node = MAINLINE.overlay().newNode(
                    new Contact(NodeId.random(streams.stream("ids", i)), t.localAddress()), t, t.scheduler(),
                    streams.stream("node", i));
            chordia.add(node);
            node.join(List.of(first)).get(20, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 2 * PER_KIND; i++) {
            PeerKind kind = i < PER_KIND ? PeerKind.LIBTORRENT : PeerKind.BITTORRENT_DHT;
            peers.add(InteropPeer.start(kind, ChordiaProcesses.freePort(), List.of(first.toString())));
        }
    }

    @AfterAll
    void stop() {
        peers.forEach(InteropPeer::close);
        for (int i = 1; i < chordia.size(); i++) {
            chordia.get(i).stop();
        }
        transports.forEach(NettyUdpTransport::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void everyImplementationsGetPeersFindsEveryAnnouncedPeer() throws Exception {
        Map<String, String> announced = new LinkedHashMap<>(); // infohash -> ip:port
        for (int i = 0; i < CHORDIA; i++) {
            String infoHash = String.format("%040x", 0xc000 + i);
            SwarmClient.Announced a = swarm(i).announce(NodeId.fromHex(infoHash), 7000 + i).get(30, TimeUnit.SECONDS);
            assertThat(a.accepted().size() + (a.storedHere() ? 1 : 0)).as("announce by Chordia node %s", i).isPositive();
            announced.put(infoHash, "127.0.0.1:" + (7000 + i));
        }
        for (int i = 0; i < peers.size(); i++) {
            InteropPeer peer = peers.get(i);
            String infoHash = String.format("%040x", 0xd000 + i);
            JsonNode answer = peer.ask("announce", "info_hash", infoHash, "port", 7100 + i);
            assertThat(answer.path("acked").asInt()).as("announce by %s %s", peer.kind(), peer.address()).isPositive();
            // libtorrent announces its own listen port (see libtorrent_dht.py)
            announced.put(infoHash, "127.0.0.1:" + answer.path("port").asInt());
        }

        Map<String, Lookups> byKind = new LinkedHashMap<>();
        byKind.put("chordia", new Lookups());
        byKind.put(PeerKind.LIBTORRENT.name().toLowerCase(Locale.ROOT), new Lookups());
        byKind.put(PeerKind.BITTORRENT_DHT.name().toLowerCase(Locale.ROOT), new Lookups());
        long start = System.nanoTime();
        for (Map.Entry<String, String> e : announced.entrySet()) {
            lookUpFromEveryChordiaNode(e.getKey(), e.getValue(), byKind.get("chordia"));
            for (InteropPeer peer : peers) {
                long t0 = System.nanoTime();
                JsonNode found = peer.ask("get_peers", "info_hash", e.getKey()).path("peers");
                boolean hit = InteropPeer.strings(found).contains(e.getValue());
                byKind.get(peer.kind().name().toLowerCase(Locale.ROOT)).add(System.nanoTime() - t0, hit,
                        peer.kind() + " " + peer.address() + " looked up " + e.getKey() + ", found " + found + ", not " + e.getValue());
            }
        }
        System.out.printf(Locale.ROOT, "mixed network: %d Chordia, %d libtorrent, %d bittorrent-dht nodes; %d announces, "
                + "every node looks up every infohash (%.1f s):%n", CHORDIA, PER_KIND, PER_KIND, announced.size(),
                (System.nanoTime() - start) / 1e9);
        byKind.forEach((kind, lookups) -> System.out.println("  " + lookups.summary(kind)));
        List<String> misses = new ArrayList<>();
        byKind.values().forEach(l -> misses.addAll(l.misses));
        assertThat(misses).isEmpty();
    }

    /** The 20 Chordia lookups of one infohash at once, each timed from its start to its answer. */
    private void lookUpFromEveryChordiaNode(String infoHash, String expected, Lookups lookups) throws Exception {
        List<CompletableFuture<SwarmClient.Found>> found = new ArrayList<>();
        long[] started = new long[CHORDIA];
        long[] finished = new long[CHORDIA];
        for (int i = 0; i < CHORDIA; i++) {
            int node = i;
            started[i] = System.nanoTime();
            found.add(swarm(i).getPeers(NodeId.fromHex(infoHash)).whenComplete((f, x) -> finished[node] = System.nanoTime()));
        }
        for (int i = 0; i < CHORDIA; i++) {
            SwarmClient.Found f = found.get(i).get(30, TimeUnit.SECONDS);
            List<String> peersFound = f.peers().stream().map(Address::toString).toList();
            lookups.add(finished[i] - started[i], peersFound.contains(expected),
                    "Chordia node " + i + " looked up " + infoHash + ", found " + peersFound + ", not " + expected);
        }
    }

    private SwarmClient swarm(int i) {
        return ((KademliaNode) chordia.get(i)).swarm().orElseThrow();
    }

    /** One implementation's lookups: latencies, and what each miss found. */
    private static final class Lookups {
        final List<Long> nanos = new ArrayList<>();
        final List<String> misses = new ArrayList<>();
        int hits;

        synchronized void add(long latencyNanos, boolean hit, String miss) {
            nanos.add(latencyNanos);
            if (hit) {
                hits++;
            } else {
                misses.add(miss);
            }
        }

        String summary(String kind) {
            List<Long> sorted = nanos.stream().sorted().toList();
            return String.format(Locale.ROOT, "%-15s %4d lookups, found %4d (%.1f %%), latency p50 %6.1f ms, p99 %6.1f ms",
                    kind, sorted.size(), hits, 100.0 * hits / sorted.size(), percentile(sorted, 50), percentile(sorted, 99));
        }

        private static double percentile(List<Long> sorted, int p) {
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }
}
