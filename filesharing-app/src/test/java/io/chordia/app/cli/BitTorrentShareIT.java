package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.interop.InteropPeers;
import io.chordia.app.interop.PeerKind;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The user's path with a real daemon: {@code chordia share FILE --torrent T} prints a magnet link
 * that names the node as its peer ({@code x.pe}), and libtorrent, given nothing but that link,
 * fetches the file from the node's share port with identical bytes; the {@code .torrent} written is
 * one libtorrent reads, with the same infohash.
 */
class BitTorrentShareIT extends ProcessesFixture {
    private static final Pattern MAGNET = Pattern.compile("BitTorrent: (magnet:\\?xt=urn:btih:([0-9a-f]{40})&dn=c\\.bin&x\\.pe=\\S+)");

    @Test
    void libtorrentFetchesFromTheDaemonWithTheMagnetLinkShareMadeAlone() throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT);
        Path original = SampleFiles.random(work.resolve("seed").resolve("c.bin"), (8L << 20) + 1, 20);
        Daemon node = cli.startNode(work.resolve("n"), "--host", "127.0.0.1", "--port", String.valueOf(ChordiaProcesses.freePort()));
        cli.awaitServing(node);
        Path torrent = work.resolve("c.torrent");

        Result shared = cli.run("share", original.toString(), "--torrent", torrent.toString(), "--data-dir", node.dataDir().toString());

        assertThat(shared.exit()).as(shared.err()).isZero();
        assertThat(shared.out().strip()).startsWith("chordia:");
        Matcher m = MAGNET.matcher(shared.err());
        assertThat(m.find()).as(shared.err()).isTrue();
        String infoHash = libtorrent("import libtorrent as lt, sys; print(lt.torrent_info(sys.argv[1]).info_hash())", torrent.toString());
        assertThat(infoHash.strip()).isEqualTo(m.group(2));

        Path out = work.resolve("out");
        String leeched = libtorrent(null, InteropPeers.dir().resolve("bt_leech.py").toString(), "--magnet", m.group(1), "--out",
                out.toString(), "--max-seconds", "90");
        assertThat(leeched).contains("\"ok\": true").contains("\"metadata_from_peer\": true");
        assertThat(SampleFiles.sha256(out.resolve("c.bin"))).isEqualTo(SampleFiles.sha256(original));
    }

    /** Runs python with libtorrent ({@code -c code} when code is given, else the script in args); its output, after exit 0. */
    private static String libtorrent(String code, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PeerKind.python()));
        if (code != null) {
            command.addAll(List.of("-c", code));
        }
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(150, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done && p.exitValue() == 0).as("%s: %s", command, printed).isTrue();
        return printed;
    }
}
