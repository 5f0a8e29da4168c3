package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.interop.BitTorrentSeedProcess;
import io.chordia.app.interop.InteropPeers;
import io.chordia.app.interop.PeerKind;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MagnetLink;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.core.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code chordia fetch} of BitTorrent content through a real daemon: a magnet link whose seed,
 * libtorrent, is found only through the Mainline DHT (get_peers at the daemon, where libtorrent
 * announced it); a {@code .torrent} with {@code --peer}; no peer anywhere fails at once saying
 * where it looked; a torrent our manifest cannot hold is refused with the reason.
 */
class BitTorrentFetchCommandIT extends ProcessesFixture {
    @Test
    void aMagnetLinksSeedIsFoundThroughTheMainlineDhtAndFetched() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path seedDir = work.resolve("seed");
        Path original = SampleFiles.random(seedDir.resolve("m.bin"), (5L << 20) + 11, 51);
        TorrentInfo torrent = TorrentInfo.of(new Sharer(256 * 1024).share(original).manifest());
        Path torrentFile = Files.write(work.resolve("m.torrent"), torrent.torrentFile());
        int port = ChordiaProcesses.freePort();
        Daemon node = cli.startNode(work.resolve("n"), "--host", "127.0.0.1", "--port", String.valueOf(port), "--protocol", "mainline");
        try (BitTorrentSeedProcess seed = BitTorrentSeedProcess.libtorrent(torrentFile, seedDir, "127.0.0.1:" + port)) {
            ChordiaProcesses.awaitEventually("the daemon's get_peers finds libtorrent's announcement", () ->
                    cli.run("peers", torrent.infoHash().toHex(), "--data-dir", node.dataDir().toString()).out()
                            .contains(seed.address().toString()));

            Path out = work.resolve("out");
            Result fetched = cli.run("fetch", new MagnetLink(torrent.infoHash(), "m.bin").toString(), "-o", out.toString(),
                    "--data-dir", node.dataDir().toString());

            assertThat(fetched.exit()).as(fetched.err()).isZero();
            assertThat(fetched.out().strip()).isEqualTo(out.resolve("m.bin").toString());
            assertThat(SampleFiles.sha256(out.resolve("m.bin"))).isEqualTo(SampleFiles.sha256(original));
        }
    }

    @Test
    void aTorrentFileIsFetchedFromThePeerNamedAndNoPeerFailsAtOnce() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path seedDir = work.resolve("seed");
        Path original = SampleFiles.random(seedDir.resolve("t.bin"), (3L << 20) + 1, 52);
        TorrentInfo torrent = TorrentInfo.of(new Sharer(64 * 1024).share(original).manifest());
        Path torrentFile = Files.write(work.resolve("t.torrent"), torrent.torrentFile());
        Daemon node = cli.startNode(work.resolve("n"), "--host", "127.0.0.1", "--port", String.valueOf(ChordiaProcesses.freePort()));
        try (BitTorrentSeedProcess seed = BitTorrentSeedProcess.libtorrent(torrentFile, seedDir, null)) {
            Path out = work.resolve("out");
            Result fetched = cli.run("fetch", torrentFile.toString(), "--peer", seed.address().toString(), "-o", out.toString(),
                    "--data-dir", node.dataDir().toString());

            assertThat(fetched.exit()).as(fetched.err()).isZero();
            assertThat(SampleFiles.sha256(out.resolve("t.bin"))).isEqualTo(SampleFiles.sha256(original));
        }

        String nobody = new MagnetLink(new InfoHash(NodeId.random(new SplittableRandom(7))), "x.bin").toString();
        long start = System.nanoTime();
        Result none = cli.run("fetch", nobody, "-o", work.resolve("none").toString(), "--data-dir", node.dataDir().toString());

        assertThat(none.exit()).isNotZero();
        assertThat(none.err()).contains("no peer found for infohash").contains("no --peer was given")
                .contains("does not search BitTorrent's DHT");
        assertThat(System.nanoTime() - start).as("fails at once, not after a stall timeout").isLessThan(20_000_000_000L);
    }

    @Test
    void aTorrentOurManifestCannotHoldIsRefusedWithTheReason() throws Exception {
        Daemon node = cli.startNode(work.resolve("n"), "--host", "127.0.0.1", "--port", String.valueOf(ChordiaProcesses.freePort()));
        // 48 KiB pieces: BitTorrent allows any piece length, our manifests only powers of two.
        String info = "d6:lengthi100000e4:name5:x.bin12:piece lengthi49152e6:pieces60:" + "a".repeat(60) + "e";
        Path torrentFile = Files.write(work.resolve("odd.torrent"), ("d4:info" + info + "e").getBytes(StandardCharsets.US_ASCII));

        Result refused = cli.run("fetch", torrentFile.toString(), "--peer", "127.0.0.1:9", "-o", work.resolve("o").toString(),
                "--data-dir", node.dataDir().toString());

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("Chordia cannot fetch").contains("piece length 49152 is not a power of two");
    }
}
