package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.interop.Aria2Leecher;
import io.chordia.app.interop.InteropPeer;
import io.chordia.app.interop.InteropPeers;
import io.chordia.app.interop.PeerKind;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MagnetLink;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.routing.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHT route: a daemon on {@code --protocol mainline} announces what it shares under the
 * content's infohash at its share port (announce_peer); a libtorrent DHT node finds that port with
 * get_peers, and a libtorrent leecher given only the infohash (a magnet link without peers) and
 * the daemon as its DHT entry finds it the same way and fetches the file; so does aria2, a DHT of
 * its own code base.
 */
class MainlineSeedIT {
    @TempDir
    Path dir;

    @Test
    void libtorrentFindsTheSharePortWithGetPeersAndFetchesFromIt() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path original = SampleFiles.random(dir.resolve("seed").resolve("m.bin"), (6L << 20) + 3, 30);
        try (PeerDaemon chordia = PeerDaemon.start(NodeSettings.defaults().withHost("127.0.0.1")
                .withPort(ChordiaProcesses.freePort()).withProtocol(Protocol.parse("mainline")).withBootstrap(List.of())
                .withDataDir(dir.resolve("chordia")));
             InteropPeer dhtPeer = InteropPeer.start(PeerKind.LIBTORRENT, ChordiaProcesses.freePort(),
                     List.of("127.0.0.1:" + chordia.self().address().port()))) {
            InfoHash infoHash = TorrentInfo.of(chordia.share(original).content().manifest()).infoHash();
            String sharePort = "127.0.0.1:" + chordia.shareAddress().port();

            ChordiaProcesses.awaitEventually("libtorrent's get_peers finds the share port", () ->
                    InteropPeer.strings(dhtPeer.ask("get_peers", "info_hash", infoHash.toHex()).path("peers")).contains(sharePort));

            Path out = dir.resolve("out");
            Process leech = new ProcessBuilder(PeerKind.python(), InteropPeers.dir().resolve("bt_leech.py").toString(),
                    "--magnet", new MagnetLink(infoHash, "m.bin").toString(), "--dht", "127.0.0.1:" + chordia.self().address().port(),
                    "--out", out.toString(), "--max-seconds", "90").redirectErrorStream(true).start();
            boolean done = leech.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                leech.destroyForcibly();
            }
            String printed = new String(leech.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(done && leech.exitValue() == 0).as("libtorrent leecher: %s", printed).isTrue();
            assertThat(printed).contains("\"metadata_from_peer\": true");
            assertThat(SampleFiles.sha256(out.resolve("m.bin"))).isEqualTo(SampleFiles.sha256(original));
        }
    }

    @Test
    void aria2GivenOnlyTheInfoHashAndTheDaemonAsItsDhtEntryFindsTheSharePortAndFetches() throws Exception {
        InteropPeers.require(PeerKind.ARIA2);
        Path original = SampleFiles.random(dir.resolve("seed").resolve("a.bin"), (3L << 20) + 7, 31);
        try (PeerDaemon chordia = PeerDaemon.start(NodeSettings.defaults().withHost("127.0.0.1")
                .withPort(ChordiaProcesses.freePort()).withProtocol(Protocol.parse("mainline")).withBootstrap(List.of())
                .withDataDir(dir.resolve("chordia")))) {
            InfoHash infoHash = TorrentInfo.of(chordia.share(original).content().manifest()).infoHash();
            Aria2Leecher aria2 = Aria2Leecher.throughDht("127.0.0.1:" + chordia.self().address().port(), ChordiaProcesses.freePort(),
                    dir.resolve("aria2-dht.dat"), ChordiaProcesses.freePort(), 60);

            Aria2Leecher.Result result = aria2.fetch(new MagnetLink(infoHash, "a.bin").toString(), dir.resolve("out"));

            assertThat(result.ok()).as("aria2c: %s", result.printed()).isTrue();
            assertThat(SampleFiles.sha256(dir.resolve("out").resolve("a.bin"))).isEqualTo(SampleFiles.sha256(original));
        }
    }
}
