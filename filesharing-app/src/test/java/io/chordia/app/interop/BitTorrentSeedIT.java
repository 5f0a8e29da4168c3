package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.DropReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A libtorrent 2.0 leecher (interop/bt_leech.py) fetches from a Chordia seed given by hand
 * (127.0.0.1 and the share port), from the {@code .torrent} and from the magnet link alone (the
 * info dictionary then comes from our seed over ut_metadata); the bytes are compared with the source.
 */
class BitTorrentSeedIT {
    private static final long LEECH_SECONDS = 120;

    @TempDir
    Path dir;

    private ShareService seed;

    @BeforeEach
    void start() throws IOException {
        InteropPeers.require(PeerKind.LIBTORRENT);
        seed = ShareService.start(ShareConfig.defaults().withBind("127.0.0.1", 0).withThreads(1, 1), new InMemoryPeerDirectory());
    }

    @AfterEach
    void stop() {
        if (seed != null) {
            seed.close();
        }
    }

    private LocalContent share(Path path) throws IOException {
        seed.share(path);
        return seed.served().get(0);
    }

    @Test
    void aLibtorrentLeecherFetchesAFileByItsTorrent() throws Exception {
        Path source = SampleFiles.random(dir.resolve("src").resolve("a.bin"), (24L << 20) + 12_345, 7);
        LocalContent content = share(source);
        Path torrent = Files.write(dir.resolve("a.torrent"), TorrentInfo.of(content.manifest()).torrentFile());

        String result = leech(List.of("--torrent", torrent.toString()), dir.resolve("out"));

        assertThat(result).contains("\"ok\": true").contains("\"hash_failed\": 0");
        assertThat(SampleFiles.sha256(dir.resolve("out").resolve("a.bin"))).isEqualTo(SampleFiles.sha256(source));
        assertThat(seed.stats().bytesServed()).isGreaterThanOrEqualTo(Files.size(source));
        assertThat(seed.stats().drops(DropReason.MALFORMED) + seed.stats().drops(DropReason.BAD_LENGTH)).isZero();
    }

    @Test
    void aLibtorrentLeecherFetchesAFolderByItsMagnetLinkAloneGettingTheInfoFromUs() throws Exception {
        Path folder = dir.resolve("src").resolve("folder");
        SampleFiles.random(folder.resolve("a.bin"), 300_000, 1);
        SampleFiles.random(folder.resolve("b.bin"), 5L << 20, 2);
        Files.createFile(folder.resolve("empty"));
        SampleFiles.random(folder.resolve("sub").resolve("c.bin"), 1_000_001, 3);
        LocalContent content = share(folder);
        TorrentInfo info = TorrentInfo.of(content.manifest());

        String result = leech(List.of("--magnet", info.magnetLink().toString()), dir.resolve("out"));

        assertThat(result).contains("\"ok\": true").contains("\"metadata_from_peer\": true");
        for (String file : List.of("a.bin", "b.bin", "sub/c.bin")) {
            assertThat(SampleFiles.sha256(dir.resolve("out/folder").resolve(file))).as(file)
                    .isEqualTo(SampleFiles.sha256(folder.resolve(file)));
        }
        assertThat(dir.resolve("out/folder/empty")).isEmptyFile();
    }

    @Test
    void aSeedWhoseFileChangedUnderItIsBannedByLibtorrentForTheBadPiece() throws Exception {
        Path source = SampleFiles.random(dir.resolve("src").resolve("d.bin"), 4L << 20, 9);
        LocalContent content = share(source);
        Path torrent = Files.write(dir.resolve("d.torrent"), TorrentInfo.of(content.manifest()).torrentFile());
        // Piece 5's bytes change on disk after hashing: we serve what the file holds, libtorrent checks what the torrent says.
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(source, java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 5L * content.manifest().pieceSize() + 100);
        }

        String result = run(List.of("--torrent", torrent.toString(), "--stop-on-ban"), dir.resolve("out"), 30, false);

        // libtorrent bans the only peer that sent a piece failing its hash (its hash_failed alert may come after we stop).
        assertThat(result).contains("\"ok\": false").contains("\"banned\": [\"127.0.0.1:" + seed.address().port() + "\"]");
    }

    /** Runs the leecher against our seed; returns its JSON line, or fails with all it printed. */
    private String leech(List<String> source, Path out) throws Exception {
        return run(source, out, LEECH_SECONDS, true);
    }

    private String run(List<String> source, Path out, long seconds, boolean mustSucceed) throws Exception {
        List<String> command = new ArrayList<>(List.of(PeerKind.python(), InteropPeers.dir().resolve("bt_leech.py").toString()));
        command.addAll(source);
        command.addAll(List.of("--peer", "127.0.0.1:" + seed.address().port(), "--out", out.toString(),
                "--max-seconds", String.valueOf(seconds)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(seconds + 30, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done && (p.exitValue() == 0) == mustSucceed).as("libtorrent leecher: %s; seed: %s", printed, seed.stats()).isTrue();
        return printed;
    }
}
