package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.interop.InteropPeer;
import io.chordia.app.interop.InteropPeers;
import io.chordia.app.interop.PeerKind;
import io.chordia.app.node.NodeSettings;
import io.chordia.app.node.PeerDaemon;
import io.chordia.routing.Protocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chordia announce} and {@code chordia peers} against a {@code --protocol mainline} daemon
 * joined by one libtorrent and one bittorrent-dht peer: Chordia's announce is found by both
 * peers' get_peers, libtorrent's announce is printed by {@code peers} (stdout holding nothing but
 * {@code ip:port} lines, through picocli and through the client's fast path alike), and a
 * Kademlia daemon refuses both verbs in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmCommandsIT {
    private PeerDaemon chordia;
    private PeerDaemon kademlia;
    private InteropPeer libtorrent;
    private InteropPeer node;
    private String dataDir;
    private String kademliaDir;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT, PeerKind.BITTORRENT_DHT);
        dataDir = dir.resolve("chordia").toString();
        kademliaDir = dir.resolve("kademlia").toString();
        chordia = PeerDaemon.start(settings("mainline", dataDir));
        kademlia = PeerDaemon.start(settings("kademlia", kademliaDir));
        String at = "127.0.0.1:" + chordia.self().address().port();
        libtorrent = InteropPeer.start(PeerKind.LIBTORRENT, ChordiaProcesses.freePort(), List.of(at));
        node = InteropPeer.start(PeerKind.BITTORRENT_DHT, ChordiaProcesses.freePort(), List.of(at));
    }

    private static NodeSettings settings(String protocol, String dataDir) throws java.io.IOException {
        return NodeSettings.defaults().withHost("127.0.0.1").withPort(ChordiaProcesses.freePort())
                .withProtocol(Protocol.parse(protocol)).withBootstrap(List.of()).withDataDir(Path.of(dataDir));
    }

    @AfterAll
    void stop() {
        for (InteropPeer peer : new InteropPeer[] {node, libtorrent}) {
            if (peer != null) {
                peer.close();
            }
        }
        for (PeerDaemon daemon : new PeerDaemon[] {chordia, kademlia}) {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    void chordiasAnnounceIsFoundByBothPeers() throws Exception {
        String infoHash = "d4".repeat(20);
        InProcessCli cli = new InProcessCli();
        assertThat(cli.run("announce", infoHash, "--port", "7001", "--data-dir", dataDir)).as(cli.err()).isZero();
        assertThat(cli.out()).matches("announced " + infoHash + " port 7001: [12] of 2 nodes accepted, and this node holds it\\R");
        assertThat(InteropPeer.strings(node.ask("get_peers", "info_hash", infoHash).path("peers"))).contains("127.0.0.1:7001");
        assertThat(InteropPeer.strings(libtorrent.ask("get_peers", "info_hash", infoHash).path("peers")))
                .contains("127.0.0.1:7001");
    }

    @Test
    void peersPrintsLibtorrentsAnnounceAndNothingElse() throws Exception {
        String infoHash = "e5".repeat(20);
        assertThat(libtorrent.ask("announce", "info_hash", infoHash, "port", 6881).path("acked").asInt()).isPositive();
        ChordiaProcesses.awaitEventually("chordia peers lists libtorrent", () -> {
            InProcessCli cli = new InProcessCli();
            return cli.run("peers", infoHash, "--data-dir", dataDir) == 0 && cli.out().contains(libtorrent.address());
        });
        InProcessCli cli = new InProcessCli();
        assertThat(cli.run("peers", infoHash, "--data-dir", dataDir)).as(cli.err()).isZero();
        assertThat(cli.out().lines().toList()).contains(libtorrent.address()).allMatch(line -> line.matches("[0-9.]+:[0-9]+"));
        assertThat(cli.err()).matches("[0-9]+ peers? from [0-9]+ nodes?\\R");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Integer fast = ClientFastPath.run(new String[] {"peers", infoHash, "--data-dir", dataDir},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(fast).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList()).containsExactlyInAnyOrderElementsOf(cli.out().lines().toList());
    }

    @Test
    void aKademliaDaemonRefusesBothVerbsInOneLine() {
        for (String[] args : List.of(new String[] {"peers", "f6".repeat(20)}, new String[] {"announce", "f6".repeat(20), "--port", "7001"})) {
            InProcessCli cli = new InProcessCli();
            String[] withDir = Arrays.copyOf(args, args.length + 2);
            withDir[args.length] = "--data-dir";
            withDir[args.length + 1] = kademliaDir;
            assertThat(cli.run(withDir)).isNotZero();
            assertThat(cli.out()).isEmpty();
            assertThat(cli.err()).startsWith("chordia: '" + args[0] + "' needs a node of BitTorrent's DHT; this node runs --protocol kademlia");
        }
    }

    @Test
    void aMalformedInfoHashNeedsNoNode() {
        InProcessCli cli = new InProcessCli();
        assertThat(cli.run("peers", "not-a-hash", "--data-dir", dataDir + "-nowhere")).isNotZero();
        assertThat(cli.err()).startsWith("chordia: malformed infohash: 'not-a-hash'");
    }
}
