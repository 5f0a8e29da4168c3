package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.DropReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aria2 (a second BitTorrent client, independent of libtorrent) fetches from a Chordia seed: from
 * the {@code .torrent}, and from the magnet link alone (the info dictionary then comes from our
 * seed over ut_metadata, BEP 9). aria2 has no option to dial a peer, so a {@link TrackerStub}
 * names our seed and nothing else; the bytes are compared with the source.
 */
class Aria2SeedIT {
    private static final int STOP_AFTER_SECONDS = 60;

    @TempDir
    Path dir;

    private ShareService seed;
    private TrackerStub tracker;
    private Aria2Leecher aria2;

    @BeforeEach
    void start() throws IOException {
        InteropPeers.require(PeerKind.ARIA2);
        seed = ShareService.start(ShareConfig.defaults().withBind("127.0.0.1", 0).withThreads(1, 1), new InMemoryPeerDirectory());
        tracker = new TrackerStub(seed.address());
        aria2 = Aria2Leecher.fromTracker(tracker.announceUrl(), ChordiaProcesses.freePort(), STOP_AFTER_SECONDS);
    }

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
        if (seed != null) {
            seed.close();
        }
    }

    private LocalContent share(Path path) throws IOException {
        seed.share(path);
        return seed.served().get(0);
    }

    @Test
    void aria2FetchesAFileByItsTorrentFromOurSeed() throws Exception {
        Path source = SampleFiles.random(dir.resolve("src").resolve("a.bin"), (9L << 20) + 12_345, 7);
        LocalContent content = share(source);
        Path torrent = Files.write(dir.resolve("a.torrent"), TorrentInfo.of(content.manifest()).torrentFile());

        Aria2Leecher.Result result = aria2.fetch(torrent.toString(), dir.resolve("out"));

        assertThat(result.ok()).as("aria2c: %s; seed: %s", result.printed(), seed.stats()).isTrue();
        assertThat(SampleFiles.sha256(dir.resolve("out").resolve("a.bin"))).isEqualTo(SampleFiles.sha256(source));
        assertThat(seed.stats().bytesServed()).isGreaterThanOrEqualTo(Files.size(source));
        assertThat(tracker.announces()).isPositive();
        assertThat(seed.stats().drops(DropReason.MALFORMED) + seed.stats().drops(DropReason.BAD_LENGTH)).isZero();
    }

    @Test
    void aria2FetchesAFolderByItsMagnetLinkAloneGettingTheInfoFromUs() throws Exception {
        Path folder = dir.resolve("src").resolve("folder");
        SampleFiles.random(folder.resolve("a.bin"), 300_000, 1);
        SampleFiles.random(folder.resolve("b.bin"), 5L << 20, 2);
        Files.createFile(folder.resolve("empty"));
        SampleFiles.random(folder.resolve("sub").resolve("c.bin"), 1_000_001, 3);
        LocalContent content = share(folder);
        TorrentInfo info = TorrentInfo.of(content.manifest());

        Aria2Leecher.Result result = aria2.fetch(info.magnetLink().toString(), dir.resolve("out"));

        assertThat(result.ok()).as("aria2c: %s; seed: %s", result.printed(), seed.stats()).isTrue();
        for (String file : List.of("a.bin", "b.bin", "sub/c.bin")) {
            assertThat(SampleFiles.sha256(dir.resolve("out/folder").resolve(file))).as(file)
                    .isEqualTo(SampleFiles.sha256(folder.resolve(file)));
        }
        assertThat(dir.resolve("out/folder/empty")).isEmptyFile();
    }
}
