package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.share.store.ResumeState;
import io.chordia.app.node.FetchCommands.FetchReply;
import io.chordia.app.node.FetchCommands.FetchRequest;
import io.chordia.app.node.FetchCommands.FetchUpdate;
import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.Link;
import io.chordia.app.share.LinkFormatException;
import io.chordia.app.share.ContentId;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.ManifestCodec;
import io.chordia.app.share.bittorrent.fetch.MagnetLinkParser;
import io.chordia.app.share.bittorrent.fetch.TorrentFile;
import java.nio.file.Files;
import java.util.Locale;
import io.chordia.app.share.ProgressBar;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chordia fetch LINK [-o DIR] [--detach]}: the running node downloads the content from the
 * peers that have it into NAME.part, renamed to NAME once every piece is verified; a progress bar
 * on a terminal, one summary line otherwise. Ctrl-C cancels the fetch in the node and says how much
 * is kept; the same command resumes. {@code --detach} leaves the fetch running in the node.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download a link through the running node, verified piece by piece, into NAME.part, renamed "
                + "to NAME when complete.", "Ctrl-C cancels it and keeps the verified pieces; the same command resumes."})
final class FetchCommand implements Callable<Integer> {
    static final Duration TIMEOUT = Duration.ofDays(7);

    @Parameters(index = "0", paramLabel = "LINK", description = "The line 'chordia share' printed, a BitTorrent magnet link, "
            + "or a .torrent file.")
    String link;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "A BitTorrent peer to fetch a magnet link or .torrent "
            + "from, beside the magnet's x.pe peers and those BitTorrent's DHT names (--protocol mainline); repeatable.")
    java.util.List<String> peers = new java.util.ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to put it (default: the current directory).")
    Path outDir = Path.of("");

    @Option(names = "--detach", description = "Start the fetch in the node and return at once; 'chordia transfers' "
            + "shows it, the same fetch command without --detach follows it.")
    boolean detach;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        Path out = outDir.toAbsolutePath().normalize();
        String target = torrentFile(link);
        FetchRequest request = new FetchRequest(target, out.toString(), detach, peers);
        if (detach) {
            FetchReply reply = daemon.call("fetch", request, FetchReply.class);
            daemon.out().println(daemon.json ? Json.pretty(reply) : reply.transferId());
            if (!daemon.json) {
                daemon.err().println("fetching " + reply.name() + " in the node into " + reply.path()
                        + "; 'chordia transfers' shows it");
            }
            return 0;
        }
        ProgressBar bar = ProgressBar.forStderr();
        AtomicReference<FetchUpdate> last = new AtomicReference<>();
        CancelOnExit cancel = CancelOnExit.install(daemon, contentIdOf(target), out);
        FetchReply reply;
        try {
            reply = daemon.call("fetch", request, FetchReply.class, TIMEOUT, line -> {
                FetchUpdate update = Json.mapper().convertValue(line, FetchUpdate.class);
                last.set(update);
                bar.onProgress(update.toProgress());
            });
        } catch (UserFacingException e) {
            cancel.waitIfCancelling();
            throw e;
        } catch (IOException e) {
            cancel.waitIfCancelling();
            FetchUpdate u = last.get();
            throw new UserFacingException("the node stopped during the fetch; " + (u == null ? "no piece kept yet"
                    : ResumeState.describe(u.keptPieces(), u.totalPieces(), u.path())),
                    "start the node again and run the same command to resume", e);
        } finally {
            cancel.remove();
        }
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        } else if (reply.alreadyComplete()) {
            daemon.err().println(reply.name() + " is already complete: every piece verified in " + reply.path());
            daemon.out().println(reply.path());
        } else {
            bar.finish(new FetchProgress(reply.name(), reply.totalBytes(), reply.totalBytes(), reply.downloadedBytes(),
                    reply.seconds() > 0 ? reply.downloadedBytes() / reply.seconds() : 0, reply.peersUsed(), null, true),
                    reply.seconds());
            if (reply.resumedPieces() > 0) {
                daemon.err().println("resumed: " + reply.resumedPieces() + " pieces were kept from before");
            }
            daemon.out().println(reply.path());
        }
        return 0;
    }

    /** A .torrent's absolute path (the node reads it), else {@code text} as it is. */
    private static String torrentFile(String text) {
        if (!MagnetLinkParser.looksLikeOne(text) && text.strip().toLowerCase(Locale.ROOT).endsWith(".torrent")) {
            return Path.of(text.strip()).toAbsolutePath().normalize().toString();
        }
        return text;
    }

    /** The content id of {@code text}, or null when it is no link (the node says so) or a torrent's yet unknown. */
    private static String contentIdOf(String text) {
        try {
            if (text.endsWith(".torrent")) {
                Manifest m = TorrentFile.parse(Files.readAllBytes(Path.of(text))).manifest();
                return ContentId.of(ManifestCodec.encode(m)).toHex();
            }
            return Link.parse(text).contentId().toHex();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
