package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.InterruptedFetches;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.TorrentPeers;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.SwarmConfig;
import io.chordia.core.net.Address;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's mixed swarm: two Chordia peers (a seed A and a node B fetching by the .torrent) and two
 * libtorrent 2.0 peers (L1, L2) end with the source's bytes. Who knows whom is chosen so that every
 * direction carries pieces whatever the timing, and each is asserted: A (Chordia) -> L1 (libtorrent)
 * for the first half, L1 -> B for the second half (a BitTorrent fetch: L1 is B's only peer), and B ->
 * L2 for everything (L2's only peer), the first half while B is still fetching the second. Beside
 * them, a BitTorrent peer that corrupts every block (interop/bt_seed.py --corrupt) is banned by B,
 * and no bad piece reaches the libtorrent peer fetching from B.
 */
class MixedSwarmIT {
    private static final long PEER_SECONDS = 60;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void twoChordiaAndTwoLibtorrentPeersEndWithIdenticalBytes() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path file = SampleFiles.random(dir.resolve("a").resolve("m.bin"), (6L << 20) + 3, 20);
        LocalContent content = new Sharer(256 * 1024).share(file);
        TorrentInfo torrent = TorrentInfo.of(content.manifest());
        Path torrentFile = Files.write(dir.resolve("m.torrent"), torrent.torrentFile());
        int pieces = content.manifest().pieceCount();
        long half = content.manifest().pieceOffset(pieces / 2);
        // B resumes with the first half; L1 starts with the second, so each half has one source besides A.
        InterruptedFetches.keepPieces(dir.resolve("b"), content, file, 0, pieces / 2);
        copyFrom(file, half, dir.resolve("l1").resolve("m.bin"));
        // B's peer source, asked again each time B wants peers: an address nobody listens on until L1 is up (a fetch
        // with no peer at all fails at once), then L1, as get_peers would name a peer that joined the swarm.
        AtomicReference<List<Address>> bPeers = new AtomicReference<>(List.of(new Address("127.0.0.1", ChordiaProcesses.freePort())));
        InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
        ShareConfig config = ShareConfig.defaults().withBind("127.0.0.1", 0).withThreads(1, 1)
                .withSwarm(SwarmConfig.builder().retryPeersAfter(Duration.ofMillis(200)).stallTimeout(Duration.ofSeconds(60)).build());

        try (ShareService a = ShareService.start(config, directory);
             ShareService b = ShareService.start(config, directory)) {
            a.share(file);
            // No peer of B's is there yet: B holds its half, serves it and keeps asking for peers.
            CompletableFuture<FetchResult> fetch = b.start(torrent, new TorrentPeers(torrent.infoHash(), List.of(),
                    infoHash -> CompletableFuture.completedFuture(bPeers.get())), dir.resolve("b"), ProgressListener.NONE).result();
            awaitTrue("b serves its half", () -> directory.findPeers(content.id()).join().contains(b.address()));
            Address bPort = new Address("127.0.0.1", b.address().port());
            try (LibtorrentPeerProcess l2 = LibtorrentPeerProcess.start(torrentFile, dir.resolve("l2"), List.of(bPort), PEER_SECONDS)) {
                awaitTrue("L2 has b's half", () -> b.stats().bytesServedWhilePartial() >= half);
                assertThat(fetch).isNotDone();

                Address aPort = new Address("127.0.0.1", a.address().port());
                try (LibtorrentPeerProcess l1 = LibtorrentPeerProcess.start(torrentFile, dir.resolve("l1"), List.of(aPort),
                        PEER_SECONDS)) {
                    bPeers.set(List.of(l1.address()));
                    FetchResult fetched = fetch.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    LibtorrentPeerProcess.Report fromL1 = l1.finish(PEER_SECONDS);
                    LibtorrentPeerProcess.Report fromL2 = l2.finish(PEER_SECONDS);

                    String source = SampleFiles.sha256(file);
                    assertThat(SampleFiles.sha256(fetched.root())).isEqualTo(source);
                    assertThat(SampleFiles.sha256(dir.resolve("l1").resolve("m.bin"))).as("L1: %s", fromL1).isEqualTo(source);
                    assertThat(SampleFiles.sha256(dir.resolve("l2").resolve("m.bin"))).as("L2: %s", fromL2).isEqualTo(source);
                    assertThat(fromL1.ok() && fromL2.ok()).as("L1: %s; L2: %s", fromL1, fromL2).isTrue();
                    assertThat(fromL1.hashFailures() + fromL2.hashFailures()).isZero();

                    // Chordia -> libtorrent: A's first half to L1 (A's only client), all of L2's bytes from B, its only peer.
                    assertThat(fromL1.downloadedFrom(aPort)).as("L1: %s", fromL1).isPositive();
                    assertThat(a.stats().bytesServed()).isGreaterThanOrEqualTo(half);
                    assertThat(fromL2.downloadedFrom(bPort)).as("L2: %s", fromL2).isPositive();
                    assertThat(b.stats().bytesServed()).isGreaterThanOrEqualTo(content.manifest().totalSize());
                    // libtorrent -> Chordia: B resumed the first half and fetched the second from L1, its only peer.
                    assertThat(fetched.resumedPieces()).isEqualTo(pieces / 2);
                    assertThat(fetched.downloadedBytes()).isGreaterThanOrEqualTo(content.manifest().totalSize() - half);
                    assertThat(fetched.hashFailures()).isZero();
                }
            }
        }
    }

    @Test
    void aCorruptingBitTorrentPeerIsBannedByTheChordiaFetcherAndNoBadPieceReachesLibtorrent() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path file = SampleFiles.random(dir.resolve("a").resolve("c.bin"), (4L << 20) + 9, 21);
        LocalContent content = new Sharer(256 * 1024).share(file);
        TorrentInfo torrent = TorrentInfo.of(content.manifest());
        Path torrentFile = Files.write(dir.resolve("c.torrent"), torrent.torrentFile());
        InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
        ShareConfig config = ShareConfig.defaults().withBind("127.0.0.1", 0).withThreads(1, 1);

        // B keeps one link at a time and meets the liar first: beside L1 from the start, its link to L1 could ask for
        // every block before the liar's bitfield arrived, and a liar that sent nothing earns no ban.
        try (ShareService a = ShareService.start(config, directory);
             ShareService b = ShareService.start(config.withSwarm(config.swarm().withMaxPeers(1)), directory)) {
            a.share(file);
            Address aPort = new Address("127.0.0.1", a.address().port());
            try (LibtorrentPeerProcess l1 = LibtorrentPeerProcess.start(torrentFile, dir.resolve("l1"), List.of(aPort), PEER_SECONDS);
                 BitTorrentSeedProcess liar = BitTorrentSeedProcess.corrupting(torrentFile, file.getParent())) {
                CompletableFuture<FetchResult> fetch = b.start(torrent, new TorrentPeers(torrent.infoHash(),
                        List.of(liar.address(), l1.address()), null), dir.resolve("b"), ProgressListener.NONE).result();
                awaitTrue("b serves a piece", () -> directory.findPeers(content.id()).join().contains(b.address()));
                Address bPort = new Address("127.0.0.1", b.address().port());
                try (LibtorrentPeerProcess l2 = LibtorrentPeerProcess.start(torrentFile, dir.resolve("l2"), List.of(bPort),
                        PEER_SECONDS)) {
                    FetchResult fetched = fetch.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    LibtorrentPeerProcess.Report fromL1 = l1.finish(PEER_SECONDS);
                    LibtorrentPeerProcess.Report fromL2 = l2.finish(PEER_SECONDS);

                    String source = SampleFiles.sha256(file);
                    assertThat(SampleFiles.sha256(fetched.root())).isEqualTo(source);
                    assertThat(SampleFiles.sha256(dir.resolve("l1").resolve("c.bin"))).as("L1: %s", fromL1).isEqualTo(source);
                    assertThat(SampleFiles.sha256(dir.resolve("l2").resolve("c.bin"))).as("L2: %s", fromL2).isEqualTo(source);
                    assertThat(fetched.banned()).containsExactly(liar.address());
                    assertThat(fetched.hashFailures()).isPositive();
                    assertThat(liar.stop()).matches("(?s)SERVED [1-9][0-9]*\\s*");
                    // B passed on only verified pieces: L2, whose only peer is B, saw no piece fail its hash.
                    assertThat(fromL2.ok() && fromL2.hashFailures() == 0).as("L2: %s", fromL2).isTrue();
                    assertThat(fromL2.downloadedFrom(bPort)).as("L2: %s", fromL2).isPositive();
                }
            }
        }
    }

    /** A file of {@code source}'s size holding its bytes from {@code from} on, zeros before: pieces a peer starts with. */
    private static void copyFrom(Path source, long from, Path target) throws Exception {
        Files.createDirectories(target.getParent());
        try (FileChannel in = FileChannel.open(source);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.allocate(1), in.size() - 1); // the full size, sparse below
            in.transferTo(from, in.size() - from, out.position(from));
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within %s: %s", WAIT, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
