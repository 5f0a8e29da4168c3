package io.chordia.app.cli;

import io.chordia.app.ByteSize;
import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.ShareCommands.ShareReply;
import io.chordia.app.node.ShareCommands.ShareRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chordia share PATH}: the running node serves a file or directory; the link goes to stdout,
 * and lines on stderr say how many pieces it was hashed in, whether the announcement reached the
 * DHT, and the BitTorrent magnet link of the same content (BitTorrent clients fetch it from the
 * node's share port); {@code --torrent FILE} also writes a {@code .torrent}.
 */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = {"Share a file or a directory through the running node and print its link.",
                "Before the link (on stderr) it says the size, the pieces and how many replicas hold the announcement."})
final class ShareCommand implements Callable<Integer> {
    /** Hashing reads the whole content: about 1 s per GiB here, far more on a slow disk. */
    static final Duration TIMEOUT = Duration.ofHours(1);

    @Parameters(index = "0", paramLabel = "PATH", description = "The file or directory to share.")
    Path path;

    @Option(names = "--torrent", paramLabel = "FILE",
            description = "Also write a BitTorrent .torrent file of the content (no tracker: peers come by DHT or by hand).")
    Path torrent;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        ShareReply reply = daemon.call("share", new ShareRequest(path.toAbsolutePath().normalize().toString(), torrent != null),
                ShareReply.class, TIMEOUT, progress -> { });
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
            return 0;
        }
        // What was shared and whether fetchers can find it go to stderr, before the link: stdout stays
        // the link alone, so $(chordia share FILE) and scripts that take its last line keep working.
        daemon.err().println(summary(reply));
        if (torrent != null) {
            try {
                java.nio.file.Files.write(torrent, reply.torrent());
            } catch (java.io.IOException e) {
                throw new UserFacingException("cannot write " + torrent + ": " + e.getMessage(), "check the folder and its permissions");
            }
            daemon.err().println("wrote " + torrent);
        }
        daemon.err().println("BitTorrent: " + reply.magnet());
        daemon.err().flush();
        daemon.out().println(reply.link());
        return 0;
    }

    /** {@code shared a.bin: 64 MiB in 256 pieces of 256 KiB; announced in the DHT: stored on 3 of 3 replicas}, or a warning. */
    static String summary(ShareReply reply) {
        String what = String.format(java.util.Locale.ROOT, "shared %s: %s in %,d %s of %s", reply.name(), ByteSize.format(reply.size()),
                reply.pieces(), reply.pieces() == 1 ? "piece" : "pieces", ByteSize.format(reply.pieceBytes()));
        if (reply.announcedTo() > 0) {
            return what + "; announced in the DHT: " + reply.announced();
        }
        return what + "\nwarning: the announcement reached no node (" + reply.announced() + "): fetchers cannot find"
                + " this node for it yet; the node keeps announcing it and logs each failure";
    }
}
