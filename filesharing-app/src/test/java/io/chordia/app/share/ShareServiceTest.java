package io.chordia.app.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.share.directory.Announcement;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.SwarmConfig;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The swarm scenarios at 8 MiB (the 64 MiB runs are {@code ShareServiceIT}), plus the failures that need no size. */
class ShareServiceTest extends SwarmScenarioCases {
    @Override
    long size() {
        return 8L << 20;
    }

    /**
     * Partial seeders on real sockets: one seed shares a file and two fetchers got complementary
     * halves of it from the seed before it left (their .part files and journals hold them); they
     * and a third fetcher with nothing then complete from each other alone. Nobody is complete
     * until somebody completes, so pieces must flow from peers still fetching.
     */
    @Test
    void fetchersServeEachOtherThePiecesTheyHaveWhileTheyFetch() throws Exception {
        InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
        ShareConfig config = ShareConfig.defaults().withThreads(1, 1).withSwarm(SwarmConfig.builder()
                .retryPeersAfter(Duration.ofMillis(100)).stallTimeout(Duration.ofSeconds(20)).build());
        Path file = SampleFiles.random(dir.resolve("seed").resolve("p.bin"), 8 << 20, 5);
        LocalContent content;
        try (ShareService seed = ShareService.start(config, directory)) {
            content = new Sharer().share(file);
            assertThat(seed.share(file)).isEqualTo(content.link());
        }
        int pieces = content.manifest().pieceCount();
        InterruptedFetches.keepPieces(dir.resolve("b"), content, file, 0, pieces / 2);
        InterruptedFetches.keepPieces(dir.resolve("c"), content, file, pieces / 2, pieces);

        try (ShareService b = ShareService.start(config, directory);
             ShareService c = ShareService.start(config, directory);
             ShareService d = ShareService.start(config, directory)) {
            List<CompletableFuture<FetchResult>> fetches = List.of(
                    b.fetch(content.link(), dir.resolve("b"), ProgressListener.NONE),
                    c.fetch(content.link(), dir.resolve("c"), ProgressListener.NONE),
                    d.fetch(content.link(), dir.resolve("d"), ProgressListener.NONE));
            for (CompletableFuture<FetchResult> f : fetches) {
                assertThat(SampleFiles.sha256(SwarmScenarios.await(f).root())).isEqualTo(SampleFiles.sha256(file));
            }
            long whilePartial = b.stats().bytesServedWhilePartial() + c.stats().bytesServedWhilePartial()
                    + d.stats().bytesServedWhilePartial();
            assertThat(whilePartial).as("b %s, c %s, d %s", b.stats(), c.stats(), d.stats()).isPositive();
            assertThat(b.stats().bytesServed() + c.stats().bytesServed() + d.stats().bytesServed())
                    .as("the halves b and c lacked, and all of d").isGreaterThanOrEqualTo(2 * content.manifest().totalSize());
        }
    }

    @Test
    void anUnsharedContentIsWithdrawnFromTheDirectoryAndNoLongerServed() throws Exception {
        InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
        try (ShareService seeder = ShareService.start(ShareConfig.defaults().withThreads(1, 1), directory);
             ShareService fetcher = ShareService.start(ShareConfig.defaults().withThreads(1, 1), directory)) {
            Link link = seeder.share(SampleFiles.random(dir.resolve("seed").resolve("u.bin"), 1 << 20, 3));
            assertThat(directory.findPeers(link.contentId()).get()).containsExactly(seeder.address());

            Announcement withdrawn = seeder.unshare(link.contentId()).get(5, TimeUnit.SECONDS);

            assertThat(withdrawn.accepted()).isTrue();
            assertThat(directory.findPeers(link.contentId()).get()).isEmpty();
            assertThat(seeder.served()).isEmpty();
            assertThatThrownBy(() -> fetcher.fetch(link, dir.resolve("out"), ProgressListener.NONE).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(NoPeersException.class);
        }
    }

    @Test
    void aPeerServingAManifestThatDoesNotHashToTheContentIdIsBanned() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            // The liar serves another content's manifest under this content's id, and is asked first.
            LocalContent real = new Sharer().share(s.original());
            LocalContent other = new Sharer().share(SampleFiles.random(dir.resolve("other").resolve("data.bin"), size(), 99));
            ShareService liar = s.peer();
            liar.serve(new LocalContent(real.id(), other.manifest(), other.encodedManifest(), other.files()));
            Link link = s.peer().share(s.original());

            FetchResult r = SwarmScenarios.await(s.peer().fetch(link, dir.resolve("out"), ProgressListener.NONE));

            assertThat(link).isEqualTo(real.link());
            assertThat(SampleFiles.sha256(r.root())).isEqualTo(SampleFiles.sha256(s.original()));
            assertThat(r.banned()).containsExactly(liar.address());
        }
    }

    @Test
    void anAlteredLinkOrAContentNobodyHasFailsWithAClearMessage() throws Exception {
        ShareConfig quickStall = ShareConfig.defaults().withThreads(1, 1)
                .withSwarm(ShareConfig.defaults().swarm().withStallTimeout(Duration.ofMillis(300)));
        try (SwarmScenarios s = scenarios();
             ShareService lonely = ShareService.start(quickStall, s.directory())) {
            Link link = s.peer().share(s.original());
            Link renamed = new Link(link.contentId(), "renamed.bin", link.size());
            assertThatThrownBy(() -> SwarmScenarios.await(s.peer().fetch(renamed, dir.resolve("out"), ProgressListener.NONE)))
                    .hasCauseInstanceOf(FetchFailedException.class)
                    .hasMessageContaining("the link says 'renamed.bin'").hasMessageContaining("the link was altered");

            Link nobodyHasIt = new Link(new ContentId(NodeId.sha1Of("nothing")), "x", 1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> SwarmScenarios.await(lonely.fetch(nobodyHasIt, dir.resolve("out2"), ProgressListener.NONE)))
                    .hasCauseInstanceOf(NoPeersException.class)
                    .hasMessageContaining("no peer shares x: the DHT lookup found nobody announcing");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("at once, not after the 300-ms stall timeout")
                    .isLessThan(Duration.ofMillis(300));

            s.directory().announce(nobodyHasIt.contentId(), new Address("127.0.0.1", 9), Duration.ofMinutes(1)).get();
            assertThatThrownBy(() -> SwarmScenarios.await(lonely.fetch(nobodyHasIt, dir.resolve("out3"), ProgressListener.NONE)))
                    .as("a peer is announced but does not answer: the stall timeout, stated")
                    .hasCauseInstanceOf(FetchFailedException.class)
                    .hasMessageContaining("no peer delivered the manifest of x in 300 ms (1 peer known, 0 banned)");
        }
    }
}
