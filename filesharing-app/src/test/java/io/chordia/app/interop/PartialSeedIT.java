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
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.SwarmConfig;
import io.chordia.core.net.Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed swarm through a partial seed: a BitTorrent leecher (libtorrent, aria2) whose only peer is a Chordia node
 * still fetching the content gets the half that node has, then the other half piece by piece as
 * the node fetches it from a Chordia seed (our protocol) and announces each verified piece with a
 * HAVE; the leecher's bytes are the source's.
 */
class PartialSeedIT {
    private static final long LEECH_SECONDS = 120;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Starts a leecher of {@code torrent} whose only peer is {@code b}, writing into {@code out} and printing to {@code log}. */
    private interface Leecher {
        Process start(Path torrent, Address b, Path out, Path log) throws Exception;
    }

    @Test
    void libtorrentLeechesFromAChordiaNodeThatIsItselfStillFetching() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        String printed = throughAPartialSeed((torrent, b, out, log) -> new ProcessBuilder(PeerKind.python(),
                InteropPeers.dir().resolve("bt_leech.py").toString(), "--torrent", torrent.toString(), "--peer", b.toString(),
                "--out", out.toString(), "--max-seconds", String.valueOf(LEECH_SECONDS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        assertThat(printed).contains("\"ok\": true").contains("\"hash_failed\": 0");
    }

    @Test
    void aria2LeechesFromAChordiaNodeThatIsItselfStillFetching() throws Exception {
        InteropPeers.require(PeerKind.ARIA2);
        TrackerStub[] tracker = new TrackerStub[1];
        try {
            throughAPartialSeed((torrent, b, out, log) -> {
                tracker[0] = new TrackerStub(b);
                // Exit code 0: every piece passed aria2's hash check.
                return Aria2Leecher.fromTracker(tracker[0].announceUrl(), ChordiaProcesses.freePort(), (int) LEECH_SECONDS)
                        .start(torrent.toString(), out);
            });
        } finally {
            if (tracker[0] != null) {
                tracker[0].close();
            }
        }
    }

    /**
     * Node b resumes a fetch with the first half of the content verified, and the directory lists a
     * peer that is not there, so b keeps fetching and holds its half; the leecher gets that half from
     * b, then a Chordia seed starts, b fetches the rest from it and the leecher gets it from b as b
     * announces each piece. Returns what the leecher printed.
     */
    private String throughAPartialSeed(Leecher leecher) throws Exception {
        Path file = SampleFiles.random(dir.resolve("seed").resolve("p.bin"), 8 << 20, 5);
        LocalContent content = new Sharer().share(file);
        int pieces = content.manifest().pieceCount();
        long firstHalf = content.manifest().pieceOffset(pieces / 2);
        InterruptedFetches.keepPieces(dir.resolve("b"), content, file, 0, pieces / 2);
        Path torrent = Files.write(dir.resolve("p.torrent"), TorrentInfo.of(content.manifest()).torrentFile());
        InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
        // A listed peer that is not there: the fetch starts (it has a peer to try) and waits, holding its half.
        directory.announce(content.id(), new Address("127.0.0.1", ChordiaProcesses.freePort()), Duration.ofHours(1)).get();
        ShareConfig config = ShareConfig.defaults().withBind("127.0.0.1", 0).withThreads(1, 1)
                .withSwarm(SwarmConfig.builder().retryPeersAfter(Duration.ofMillis(200)).stallTimeout(Duration.ofSeconds(60)).build());
        Path out = dir.resolve("leecher");
        Path log = Aria2Leecher.log(out); // where aria2 writes; the libtorrent leecher is told to write there too

        try (ShareService b = ShareService.start(config, directory)) {
            CompletableFuture<FetchResult> fetch = b.fetch(content.link(), dir.resolve("b"), ProgressListener.NONE);
            awaitTrue("b serves its half", () -> directory.findPeers(content.id()).join().contains(b.address()));
            Process leech = leecher.start(torrent, new Address("127.0.0.1", b.address().port()), out, log);
            String printed;
            try {
                awaitTrue("the leecher has b's half", () -> b.stats().bytesServedWhilePartial() >= firstHalf);
                assertThat(fetch).isNotDone();

                try (ShareService seed = ShareService.start(config, directory)) {
                    seed.share(file); // b's next lookup finds it, and b fetches the other half
                    assertThat(SampleFiles.sha256(fetch.get(WAIT.toSeconds(), TimeUnit.SECONDS).root()))
                            .isEqualTo(SampleFiles.sha256(file));
                    boolean done = leech.waitFor(LEECH_SECONDS + 30, TimeUnit.SECONDS);
                    printed = Files.readString(log, StandardCharsets.UTF_8);
                    assertThat(done && leech.exitValue() == 0).as("leecher: %s; b: %s", printed, b.stats()).isTrue();
                }
            } finally {
                leech.destroyForcibly();
            }
            assertThat(SampleFiles.sha256(out.resolve("p.bin"))).isEqualTo(SampleFiles.sha256(file));
            // Its only peer was b: every byte came from b, the second half after b verified it.
            assertThat(b.stats().bytesServed()).isGreaterThanOrEqualTo(content.manifest().totalSize());
            return printed;
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
