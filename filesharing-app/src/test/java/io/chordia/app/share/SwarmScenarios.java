package io.chordia.app.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.SwarmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The swarm scenarios, run over real sockets on 127.0.0.1 at a given file size: by the unit test
 * at a few MiB and by the integration test at 64 MiB.
 */
final class SwarmScenarios implements AutoCloseable {
    private final Path dir;
    private final long size;
    private final InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
    private final List<ShareService> services = new ArrayList<>();

    SwarmScenarios(Path dir, long size) {
        this.dir = dir;
        this.size = size;
    }

    /** The directory every peer of these scenarios announces in. */
    InMemoryPeerDirectory directory() {
        return directory;
    }

    /** Where the scenarios' files go. */
    Path dir() {
        return dir;
    }

    ShareService peer() throws Exception {
        return peer(ShareConfig.defaults().withThreads(1, 1));
    }

    ShareService peer(ShareConfig config) throws Exception {
        // Progress on every verified piece, so a test can act at an exact point of the transfer.
        ShareService s = ShareService.start(config.withSwarm(config.swarm().withStallTimeout(Duration.ofSeconds(20))
                .withProgressInterval(Duration.ofNanos(1))), directory);
        services.add(s);
        return s;
    }

    Path original() throws Exception {
        Path f = dir.resolve("seed-a").resolve("data.bin");
        if (!Files.exists(f)) {
            SampleFiles.random(f, size, 42);
        }
        return f;
    }

    /** The same file in another seeder's directory. */
    Path copy(String seeder) throws Exception {
        Path f = dir.resolve(seeder).resolve("data.bin");
        Files.createDirectories(f.getParent());
        Files.copy(original(), f);
        return f;
    }

    static FetchResult await(CompletableFuture<FetchResult> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    void twoSeedersOneFetcher() throws Exception {
        ShareService a = peer();
        ShareService b = peer();
        Link link = a.share(original());
        Link same = b.share(copy("seed-b"));
        assertThat(same).isEqualTo(link);
        // The window fixed at its old 64: the adaptive one grows to 256 blocks within a millisecond on loopback,
        // so the first link can start every piece of a small file before the second link's bitfield arrives.
        ShareConfig fixed = ShareConfig.defaults().withThreads(1, 1);
        ShareService fetcher = peer(fixed.withSwarm(fixed.swarm().withFixedRequestWindow(64)));
        FetchResult r = await(fetcher.fetch(link, dir.resolve("out"), ProgressListener.NONE));
        assertThat(SampleFiles.sha256(r.root())).isEqualTo(SampleFiles.sha256(original()));
        assertThat(r.downloadedBytes()).isGreaterThanOrEqualTo(size);
        assertThat(r.hashFailures()).isZero();
        assertThat(r.peersUsed()).as("peers that delivered; seeders %s / %s; fetcher %s", a.stats(), b.stats(), fetcher.stats())
                .isEqualTo(2);
    }

    void seederStoppedMidFetch() throws Exception {
        ShareService a = peer();
        Link link = a.share(original());
        peer().share(copy("seed-b"));
        AtomicBoolean stopped = new AtomicBoolean();
        FetchResult r = await(peer().fetch(link, dir.resolve("out"), p -> {
            if (!p.done() && p.verifiedBytes() >= size / 4 && stopped.compareAndSet(false, true)) {
                a.close();
            }
        }));
        assertThat(stopped).as("the seeder was stopped before the end").isTrue();
        assertThat(SampleFiles.sha256(r.root())).isEqualTo(SampleFiles.sha256(original()));
    }

    /**
     * A seeder whose every piece is wrong, met alone: the first piece it sends fails its hash with it
     * as the only sender, so it is banned; an honest seeder announced after the ban then completes
     * the fetch. The honest seeder comes late on purpose: present from the start, its link can ask
     * for every block of a small file before the liar's bitfield arrives, and a liar that sent
     * nothing has earned no ban (that case is {@link #corruptingSeederBesideAnHonestOne}).
     */
    void corruptingSeederIsBanned() throws Exception {
        ShareService liar = peer();
        Path bad = copy("seed-liar");
        Link link = liar.share(bad);
        corrupt(bad);
        ShareService fetcher = peer();
        CompletableFuture<FetchResult> fetch = fetcher.fetch(link, dir.resolve("out"), ProgressListener.NONE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fetcher.stats().drops(io.chordia.app.share.swarm.DropReason.BAD_PIECE) == 0) {
            assertThat(fetch).as("the fetch ended before the liar's first piece failed").isNotDone();
            assertThat(System.nanoTime()).as("the liar's first piece failed its hash in time").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(peer().share(original())).isEqualTo(link);
        FetchResult r = await(fetch);
        assertThat(SampleFiles.sha256(r.root())).isEqualTo(SampleFiles.sha256(original()));
        assertThat(r.banned()).containsExactly(liar.address());
        assertThat(r.hashFailures()).isPositive();
    }

    /**
     * The liar and an honest seeder from the start: whichever link wins the race for the blocks, the
     * bytes are right, the honest seeder is never banned, and a fetch that saw a bad piece banned
     * the liar (by its lone piece, or by the block that differed once a copy passed).
     */
    void corruptingSeederBesideAnHonestOne() throws Exception {
        ShareService honest = peer();
        Link link = honest.share(original());
        ShareService liar = peer();
        Path bad = copy("seed-liar");
        assertThat(liar.share(bad)).isEqualTo(link);
        corrupt(bad);
        FetchResult r = await(peer().fetch(link, dir.resolve("out"), ProgressListener.NONE));
        assertThat(SampleFiles.sha256(r.root())).isEqualTo(SampleFiles.sha256(original()));
        assertThat(r.banned()).doesNotContain(honest.address());
        if (r.hashFailures() > 0) {
            assertThat(r.banned()).as("a bad piece was seen").containsExactly(liar.address());
        }
    }

    /**
     * Overwrites {@code shared} in place after it was shared (its server keeps serving the file it
     * opened), so every piece it sends is wrong while its link still names the original.
     */
    private void corrupt(Path shared) throws Exception {
        Path garbage = SampleFiles.random(dir.resolve("garbage.bin"), size, 7);
        try (var out = java.nio.channels.FileChannel.open(shared, java.nio.file.StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(Files.readAllBytes(garbage)), 0);
        }
    }

    void interruptedFetchResumes() throws Exception {
        Link link = peer().share(original());
        Path out = dir.resolve("out");
        ShareService fetcher = peer(ShareConfig.defaults().withThreads(1, 1).withSeedAfterFetch(false));
        AtomicReference<CompletableFuture<FetchResult>> first = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong verifiedAtCancel = new java.util.concurrent.atomic.AtomicLong(-1);
        CompletableFuture<FetchResult> started = fetcher.fetch(link, out, p -> {
            CompletableFuture<FetchResult> f = first.get();
            if (!p.done() && p.verifiedBytes() >= size / 2 && f != null) {
                verifiedAtCancel.compareAndSet(-1, p.verifiedBytes());
                f.cancel(true);
            }
        });
        first.set(started);
        try {
            await(started);
            throw new AssertionError("the first fetch should have been cancelled half way");
        } catch (CancellationException expected) {
            // what we asked for
        }
        fetcher.close();
        FetchResult second = await(peer().fetch(link, out, ProgressListener.NONE));
        assertThat(SampleFiles.sha256(second.root())).isEqualTo(SampleFiles.sha256(original()));
        long pieceSize = ManifestLimits.DEFAULT_PIECE_SIZE;
        assertThat(second.resumedPieces() * pieceSize).as("every piece verified before the cancel is kept")
                .isGreaterThanOrEqualTo(verifiedAtCancel.get());
        assertThat(second.downloadedBytes()).as("the second run fetches only what the first did not keep")
                .isLessThanOrEqualTo(size - second.resumedPieces() * pieceSize + 4 * pieceSize);
        assertThat(second.downloadedBytes()).isLessThan(size * 3 / 4);
    }

    /**
     * A fetch cancelled half way through its handle: once the cancel settles, its journal names every
     * piece verified before it, the bytes are in NAME.part and NAME does not exist; the same fetch
     * then completes with identical bytes, and run once more it is already complete (nothing
     * downloaded); a different file under the name is refused.
     */
    void cancelledFetchKeepsItsPiecesInThePartFile() throws Exception {
        Link link = peer().share(original());
        Path out = dir.resolve("out");
        ShareService fetcher = peer();
        AtomicReference<FetchHandle> first = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong verifiedAtCancel = new java.util.concurrent.atomic.AtomicLong(-1);
        CompletableFuture<Void> settled = new CompletableFuture<>();
        FetchHandle handle = fetcher.start(link, out, p -> {
            FetchHandle h = first.get();
            if (!p.done() && p.verifiedBytes() >= size / 2 && h != null && verifiedAtCancel.compareAndSet(-1, p.verifiedBytes())) {
                h.cancel().whenComplete((v, e) -> settled.complete(null));
            }
        });
        first.set(handle);
        assertThatThrownBy(() -> await(handle.result())).isInstanceOf(CancellationException.class);
        settled.get(20, TimeUnit.SECONDS);
        long pieceSize = ManifestLimits.DEFAULT_PIECE_SIZE;
        assertThat(io.chordia.app.share.store.ResumeState.journalledPieces(out, link.contentId()) * pieceSize)
                .as("the journal names every piece verified before the cancel").isGreaterThanOrEqualTo(verifiedAtCancel.get());
        assertThat(out.resolve("data.bin")).doesNotExist();
        assertThat(out.resolve("data.bin.part")).exists();

        FetchResult second = await(fetcher.fetch(link, out, ProgressListener.NONE));
        assertThat(SampleFiles.sha256(out.resolve("data.bin"))).isEqualTo(SampleFiles.sha256(original()));
        assertThat(second.resumedPieces() * pieceSize).isGreaterThanOrEqualTo(verifiedAtCancel.get());
        assertThat(out.resolve("data.bin.part")).doesNotExist();

        FetchResult third = await(fetcher.fetch(link, out, ProgressListener.NONE));
        assertThat(third.downloadedBytes()).as("already complete: nothing fetched").isZero();
        assertThat(third.resumedPieces()).isEqualTo((int) ((size + pieceSize - 1) / pieceSize));

        Path other = dir.resolve("other-out");
        SampleFiles.random(other.resolve("data.bin"), size, 7);
        assertThatThrownBy(() -> await(peer().fetch(link, other, ProgressListener.NONE)))
                .hasCauseInstanceOf(FetchFailedException.class)
                .hasMessageContaining("data.bin already exists and is not this content");
    }

    /** A fetcher process killed with SIGKILL half way; the fetch resumes from what its journal made durable. */
    void fetcherKilledHalfWayResumes() throws Exception {
        ShareService seeder = peer();
        Link link = seeder.share(original());
        Path out = dir.resolve("out");
        Path journal = out.resolve(".chordia-partial").resolve(link.contentId().toHex() + ".journal");
        long wantEntries = size / ManifestLimits.DEFAULT_PIECE_SIZE / 4;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FetchProcessMain.class.getName(),
                seeder.address().host(), String.valueOf(seeder.address().port()), link.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // The child freezes at half way; wait for its journal to name a quarter of the pieces.
            while (journalEntries(journal) < wantEntries) {
                assertThat(child.isAlive()).as("the child fetch ended early: %s", Files.readString(dir.resolve("child.log")))
                        .isTrue();
                assertThat(System.nanoTime()).as("the child journalled a quarter in time").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
            child.waitFor(10, TimeUnit.SECONDS);
        }
        FetchResult second = await(peer().fetch(link, out, ProgressListener.NONE));
        assertThat(SampleFiles.sha256(second.root())).isEqualTo(SampleFiles.sha256(original()));
        assertThat(second.resumedPieces()).isGreaterThanOrEqualTo((int) wantEntries);
        assertThat(second.resumedPieces()).as("the child froze at half way").isLessThanOrEqualTo((int) (2 * wantEntries + 8));
        assertThat(second.downloadedBytes()).isLessThanOrEqualTo(size - second.resumedPieces()
                * (long) ManifestLimits.DEFAULT_PIECE_SIZE + 4L * ManifestLimits.DEFAULT_PIECE_SIZE);
    }

    private static long journalEntries(Path journal) throws java.io.IOException {
        return Files.exists(journal) ? Math.max(0, (Files.size(journal) - 24) / 4) : 0;
    }

    @Override
    public void close() {
        for (ShareService s : services) {
            s.close();
        }
    }
}
