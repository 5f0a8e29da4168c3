package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.control.ControlCommand;
import io.chordia.app.control.ControlRegistry;
import io.chordia.app.control.ControlServer;
import io.chordia.app.node.DataDir;
import io.chordia.app.node.ShareCommands.ShareReply;
import io.chordia.app.node.ShareCommands.ShareRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chordia share}: the link alone on stdout, the pieces and where the announcement landed on stderr. */
class ShareCommandTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String LINK = "chordia:00112233445566778899aabbccddeeff00112233?name=a.bin&size=67108864";
    private static final String MAGNET = "magnet:?xt=urn:btih:99112233445566778899aabbccddeeff00112233&dn=a.bin";

    @TempDir
    Path dir;

    @Test
    void theLinkIsStdoutsOnlyLineAndStderrSaysPiecesAndReplicas() throws Exception {
        Run run = share(new ShareReply(LINK, "0011", "a.bin", 64L << 20, 256, 256 * 1024, 3, 3, "stored on 3 of 3 replicas", MAGNET, null));
        assertThat(run.code).isZero();
        assertThat(run.out.toString()).isEqualTo(LINK + "\n");
        assertThat(run.err.toString())
                .isEqualTo("shared a.bin: 64 MiB in 256 pieces of 256 KiB; announced in the DHT: stored on 3 of 3 replicas\n"
                        + "BitTorrent: " + MAGNET + "\n");
    }

    @Test
    void torrentWritesTheFileTheNodeMadeAndSaysSo() throws Exception {
        byte[] torrent = "d4:infod4:name5:a.binee".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path out = dir.resolve("a.torrent");
        Run run = share(new ShareReply(LINK, "0011", "a.bin", 1000, 1, 256 * 1024, 3, 3, "stored on 3 of 3 replicas", MAGNET,
                torrent), "--torrent", out.toString());
        assertThat(run.code).isZero();
        assertThat(out).hasBinaryContent(torrent);
        assertThat(run.err.toString()).contains("wrote " + out + "\n").endsWith("BitTorrent: " + MAGNET + "\n");
        assertThat(run.out.toString()).isEqualTo(LINK + "\n");
    }

    @Test
    void anAnnouncementThatReachedNobodyIsAWarningAndTheLinkStillComesLast() throws Exception {
        Run run = share(new ShareReply(LINK, "0011", "a.bin", 1000, 1, 256 * 1024, 0, 3, "failed: no replica answered", MAGNET, null));
        assertThat(run.code).isZero();
        assertThat(run.out.toString()).isEqualTo(LINK + "\n");
        assertThat(run.err.toString()).startsWith("shared a.bin: 1000 B in 1 piece of 256 KiB\n")
                .contains("warning: the announcement reached no node (failed: no replica answered)");
        Run late = share(new ShareReply(LINK, "0011", "a.bin", 1000, 1, 256 * 1024, -1, 0, "not done after 20 s (still trying)", MAGNET, null));
        assertThat(late.err.toString()).contains("warning: the announcement reached no node (not done after 20 s");
    }

    @Test
    void jsonCarriesTheSameFields() throws Exception {
        Run run = share(new ShareReply(LINK, "0011", "a.bin", 1000, 1, 256 * 1024, 2, 3, "stored on 2 of 3 replicas", MAGNET, null),
                "--json");
        assertThat(run.out.toString()).contains("\"pieces\" : 1").contains("\"announcedTo\" : 2").contains("\"replicas\" : 3");
        assertThat(run.err.toString()).isEmpty();
    }

    private Run share(ShareReply reply, String... more) throws Exception {
        ControlServer server = ControlServer.start(new ControlRegistry().register(new ControlCommand<ShareRequest, ShareReply>() {
            @Override
            public String name() {
                return "share";
            }

            @Override
            public Class<ShareRequest> requestType() {
                return ShareRequest.class;
            }

            @Override
            public ShareReply handle(ShareRequest request, Progress progress) {
                return reply;
            }
        }), SECRET, 0);
        try {
            DataDir data = new DataDir(dir);
            Files.writeString(data.controlPortFile(), Integer.toString(server.port()));
            Files.writeString(data.controlSecretFile(), SECRET);
            Path file = Files.writeString(dir.resolve("a.bin"), "x");
            String[] args = new String[3 + more.length];
            args[0] = "share";
            args[1] = file.toString();
            args[2] = "--data-dir=" + dir;
            System.arraycopy(more, 0, args, 3, more.length);
            Run run = new Run();
            Integer code = ClientFastPath.run(args, new PrintWriter(run.out, true), new PrintWriter(run.err, true));
            run.code = code == null ? -1 : code;
            return run;
        } finally {
            server.close();
        }
    }

    private static final class Run {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        int code;
    }
}
