package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.FetchHandle;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.TorrentPeers;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chordia fetches from libtorrent 2.0: by the torrent with the seed named, by the infohash alone
 * (the info dictionary over ut_metadata, checked against it), and beside a seed that corrupts
 * every block, which is banned while the fetch completes from the good one. Every file compared
 * by SHA-256 with the original.
 */
class BitTorrentFetchIT {
    @TempDir
    Path dir;

    @Test
    void fetchesFromALibtorrentSeedByTorrentAndByMagnet() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path seedDir = dir.resolve("seed");
        Path original = SampleFiles.random(seedDir.resolve("f.bin"), (9L << 20) + 7, 41);
        TorrentInfo torrent = torrentOf(original);
        try (BitTorrentSeedProcess seed = BitTorrentSeedProcess.libtorrent(writeTorrent(torrent), seedDir, null);
             ShareService chordia = client()) {
            FetchResult byTorrent = chordia.start(torrent, new TorrentPeers(torrent.infoHash(), List.of(seed.address()), null),
                    dir.resolve("by-torrent"), p -> { }).result().get(120, TimeUnit.SECONDS);

            TorrentInfo metadata = chordia.torrentMetadata(torrent.infoHash(), List.of(seed.address())).get(60, TimeUnit.SECONDS);
            FetchResult byMagnet = chordia.start(metadata, new TorrentPeers(torrent.infoHash(), List.of(seed.address()), null),
                    dir.resolve("by-magnet"), p -> { }).result().get(120, TimeUnit.SECONDS);

            assertThat(metadata.encoded()).isEqualTo(torrent.encoded());
            assertThat(SampleFiles.sha256(byTorrent.root())).isEqualTo(SampleFiles.sha256(original));
            assertThat(SampleFiles.sha256(byMagnet.root())).isEqualTo(SampleFiles.sha256(original));
            assertThat(byTorrent.hashFailures()).isZero();
            assertThat(byTorrent.downloadedBytes()).isGreaterThanOrEqualTo(Files.size(original));
        }
    }

    @Test
    void aSeedThatCorruptsBlocksIsBannedAndTheFetchCompletesFromTheGoodOne() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path seedDir = dir.resolve("seed");
        Path original = SampleFiles.random(seedDir.resolve("g.bin"), (6L << 20) + 5, 42);
        TorrentInfo torrent = torrentOf(original);
        Path torrentFile = writeTorrent(torrent);
        // One link at a time, the liar first: beside the good seed from the start, the good seed's link could ask for
        // every block before the liar's bitfield arrived, and a liar that sent nothing earns no ban.
        try (BitTorrentSeedProcess liar = BitTorrentSeedProcess.corrupting(torrentFile, seedDir);
             BitTorrentSeedProcess good = BitTorrentSeedProcess.libtorrent(torrentFile, seedDir, null);
             ShareService chordia = client(1)) {
            FetchResult r = chordia.start(torrent, new TorrentPeers(torrent.infoHash(), List.of(liar.address(), good.address()),
                    null), dir.resolve("out"), p -> { }).result().get(120, TimeUnit.SECONDS);

            assertThat(SampleFiles.sha256(r.root())).isEqualTo(SampleFiles.sha256(original));
            assertThat(r.banned()).containsExactly(liar.address());
            assertThat(r.hashFailures()).isPositive();
            assertThat(liar.stop()).matches("(?s)SERVED [1-9][0-9]*\\s*");
        }
    }

    @Test
    void aCancelledFetchKeepsItsVerifiedPiecesAndTheSameTorrentResumesFromThem() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path seedDir = dir.resolve("seed");
        Path original = SampleFiles.random(seedDir.resolve("r.bin"), (24L << 20) + 3, 43);
        TorrentInfo torrent = torrentOf(original);
        Path out = dir.resolve("out");
        try (BitTorrentSeedProcess seed = BitTorrentSeedProcess.libtorrent(writeTorrent(torrent), seedDir, null);
             ShareService chordia = client()) {
            TorrentPeers peers = new TorrentPeers(torrent.infoHash(), List.of(seed.address()), null);
            // Cancelled from the first progress report with a verified piece, on the fetch's thread: long before the last piece.
            CompletableFuture<FetchHandle> first = new CompletableFuture<>();
            first.complete(chordia.start(torrent, peers, out, p -> {
                if (p.verifiedBytes() > 0) {
                    first.join().cancel();
                }
            }));
            first.join().settled().get(60, TimeUnit.SECONDS);
            assertThat(first.join().result()).isCancelled();
            assertThat(out.resolve("r.bin")).doesNotExist();

            FetchResult resumed = chordia.start(torrent, peers, out, p -> { }).result().get(120, TimeUnit.SECONDS);

            assertThat(resumed.resumedPieces()).isPositive();
            assertThat(SampleFiles.sha256(resumed.root())).isEqualTo(SampleFiles.sha256(original));
        }
    }

    private static ShareService client() throws Exception {
        return client(ShareConfig.defaults().swarm().maxPeers());
    }

    /** A fetching node that keeps at most {@code links} peer links open, taking its candidates in the order given. */
    private static ShareService client(int links) throws Exception {
        ShareConfig config = ShareConfig.defaults().withBind("127.0.0.1", 0).withSeedAfterFetch(false);
        return ShareService.start(config.withSwarm(config.swarm().withMaxPeers(links)), new InMemoryPeerDirectory());
    }

    private static TorrentInfo torrentOf(Path file) throws Exception {
        return TorrentInfo.of(new Sharer(256 * 1024).share(file).manifest());
    }

    private Path writeTorrent(TorrentInfo torrent) throws Exception {
        return Files.write(dir.resolve("t.torrent"), torrent.torrentFile());
    }

}
