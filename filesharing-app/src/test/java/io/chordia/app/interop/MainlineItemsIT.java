package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.cli.InProcessCli;
import io.chordia.app.node.NodeSettings;
import io.chordia.app.node.PeerDaemon;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * BEP 44 items between a {@code --protocol mainline} daemon, driven through the CLI ({@code chordia
 * put --immutable}, {@code put --mutable}, {@code get}), and one libtorrent and one bittorrent-dht
 * peer bootstrapped to it: what Chordia puts both read, what either puts Chordia reads, and a
 * mutable item libtorrent put under a seed is updated by Chordia under the same seed (seq + 1).
 * Prints each CLI command's wall time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MainlineItemsIT {
    private PeerDaemon chordia;
    private InteropPeer libtorrent;
    private InteropPeer node;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT, PeerKind.BITTORRENT_DHT);
        dir = tmp;
        chordia = PeerDaemon.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(ChordiaProcesses.freePort())
                .withProtocol(Protocol.parse("mainline")).withBootstrap(List.of()).withDataDir(dir.resolve("chordia")));
        String at = "127.0.0.1:" + chordia.self().address().port();
        libtorrent = InteropPeer.start(PeerKind.LIBTORRENT, ChordiaProcesses.freePort(), List.of(at));
        node = InteropPeer.start(PeerKind.BITTORRENT_DHT, ChordiaProcesses.freePort(), List.of(at));
        // Both peers in Chordia's table before it puts: a put reaches the nodes its lookup finds.
        ChordiaProcesses.awaitEventually("Chordia's table holds both peers", () -> {
            chordia.node().lookup(NodeId.sha1Of("any key"), LookupStyle.ITERATIVE).get(10, TimeUnit.SECONDS);
            List<String> table = new ArrayList<>();
            for (Contact c : Protocol.parse("mainline").overlay().view(chordia.node()).snapshot()
                    .get(5, TimeUnit.SECONDS).contacts()) {
                table.add(c.id().toHex());
            }
            return table.containsAll(List.of(libtorrent.nodeId(), node.nodeId()));
        });
    }

    @AfterAll
    void stop() {
        for (InteropPeer peer : new InteropPeer[] {node, libtorrent}) {
            if (peer != null) {
                peer.close();
            }
        }
        if (chordia != null) {
            chordia.close();
        }
    }

    private record Run(int code, List<String> lines, String err) {
        String last() {
            return lines.get(lines.size() - 1);
        }
    }

    /** One chordia command against the daemon, in this JVM. */
    private Run cli(String... args) {
        InProcessCli cli = new InProcessCli();
        String[] withDir = new String[args.length + 1];
        withDir[0] = args[0];
        withDir[1] = "--data-dir=" + dir.resolve("chordia");
        System.arraycopy(args, 1, withDir, 2, args.length - 1);
        long start = System.nanoTime();
        int code = cli.run(withDir);
        System.out.printf("MainlineItemsIT: chordia %s: exit %d in %.1f ms%n", String.join(" ", args), code,
                (System.nanoTime() - start) / 1e6);
        List<String> lines = cli.out().lines().toList();
        return new Run(code, lines, cli.err());
    }

    @Test
    void anImmutableItemPutByChordiaIsReadByBothPeers() {
        Run put = cli("put", "--immutable", "hello from chordia");
        assertThat(put.code()).as(put.err()).isZero();
        String target = put.last();
        assertThat(target).matches("[0-9a-f]{40}");

        for (InteropPeer peer : new InteropPeer[] {libtorrent, node}) {
            JsonNode got = peer.ask("get", "target", target);
            assertThat(got.path("found").asBoolean()).as("%s found it", peer.kind()).isTrue();
            assertThat(got.path("value").asText()).isEqualTo("hello from chordia");
        }
    }

    @Test
    void immutableItemsPutByEitherPeerAreReadByChordia() {
        for (InteropPeer peer : new InteropPeer[] {libtorrent, node}) {
            String value = "immutable from " + peer.kind();
            String target = peer.ask("put_immutable", "value", value).path("target").asText();

            Run get = cli("get", target);
            assertThat(get.code()).as("%s's item: %s", peer.kind(), get.err()).isZero();
            assertThat(get.lines()).containsExactly(value);
        }
    }

    @Test
    void aMutableItemPutByChordiaIsReadByBothPeers() {
        Path key = dir.resolve("mine.key");
        Run put = cli("put", "--mutable", "--key-file", key.toString(), "--salt", "greeting", "mutable from chordia");
        assertThat(put.code()).as(put.err()).isZero();
        String publicKey = put.lines().get(put.lines().size() - 2).replace("public-key ", "");
        assertThat(publicKey).matches("[0-9a-f]{64}");
        assertThat(put.last()).matches("[0-9a-f]{40}");

        for (InteropPeer peer : new InteropPeer[] {libtorrent, node}) {
            JsonNode got = peer.ask("get_mutable", "public_key", publicKey, "salt", "greeting");
            assertThat(got.path("found").asBoolean()).as("%s found it", peer.kind()).isTrue();
            assertThat(got.path("value").asText()).isEqualTo("mutable from chordia");
            assertThat(got.path("seq").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aMutableItemPutByEitherPeerIsReadByChordiaAndChordiaUpdatesIt() throws Exception {
        int i = 0;
        for (InteropPeer peer : new InteropPeer[] {libtorrent, node}) {
            String seed = (i == 0 ? "5e" : "6f").repeat(32);
            Path key = dir.resolve("peer" + i++ + ".key");
            Files.writeString(key, seed + "\n");
            JsonNode put = peer.ask("put_mutable", "seed", seed, "salt", "s", "value", "from " + peer.kind());
            String publicKey = put.path("public_key").asText();
            long seq = put.path("seq").asLong();

            Run get = cli("get", "--public-key", publicKey, "--salt", "s");
            assertThat(get.code()).as("%s's item: %s", peer.kind(), get.err()).isZero();
            assertThat(get.lines()).containsExactly("from " + peer.kind(), "seq " + seq);

            Run update = cli("put", "--mutable", "--key-file", key.toString(), "--salt", "s", "updated by chordia");
            assertThat(update.code()).as(update.err()).isZero();
            JsonNode read = peer.ask("get_mutable", "public_key", publicKey, "salt", "s");
            assertThat(read.path("value").asText()).isEqualTo("updated by chordia");
            assertThat(read.path("seq").asLong()).isEqualTo(seq + 1);
        }
    }
}
