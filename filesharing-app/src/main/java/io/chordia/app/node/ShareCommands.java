package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlRegistry;
import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.Link;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.bittorrent.MagnetLink;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.Announcement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The daemon's serving verbs: {@code share} (hash, serve, announce; answer the link),
 * {@code shares} (what it serves) and {@code unshare} (stop serving and announcing one; the files
 * stay). Fetching is {@link FetchCommands}. Paths arrive absolute: the client resolves them
 * against its own working directory.
 */
public final class ShareCommands {
    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(ShareCommands.class);

    private ShareCommands() {}

    /** @param torrent whether the reply carries a {@code .torrent} file of the content */
    public record ShareRequest(String path, boolean torrent) {}

    /** How long {@code share} waits for the first announcement before answering without it. */
    static final Duration ANNOUNCE_WAIT = Duration.ofSeconds(20);

    /**
     * @param pieces      how many pieces of {@code pieceBytes} the content was hashed in
     * @param announcedTo how many replicas hold the announcement, -1 when it had not landed within {@link #ANNOUNCE_WAIT}
     * @param replicas    how many should (0 when unknown)
     * @param announced   where the announcement is, or why it is not, in words
     * @param magnet      the BitTorrent v1 magnet link of the same content, naming this node as a peer
     * @param torrent     the {@code .torrent} file, when asked for (else null)
     */
    public record ShareReply(String link, String contentId, String name, long size, int pieces, int pieceBytes,
                             int announcedTo, int replicas, String announced, String magnet, byte[] torrent) {}

    public record SharesRequest() {}

    /** One shared content: {@code path} is the file or directory served. */
    public record ShareView(String id, String name, long size, String link, String path) {}

    public record SharesReply(List<ShareView> shares) {}

    /** @param id a content id, or enough of its start to name one */
    public record UnshareRequest(String id) {}

    /**
     * @param withdrawnFrom   how many replicas took the withdrawal (they drop the node within a second),
     *                        -1 when it had not landed within {@link #ANNOUNCE_WAIT}
     * @param replicas        how many hold the announcement (0 when unknown)
     * @param withdrawal      where the withdrawal is, or why it is not, in words
     * @param expiresInSeconds the longest any copy it missed stays listed
     */
    public record UnshareReply(String id, String name, int withdrawnFrom, int replicas, String withdrawal,
                               long expiresInSeconds) {}

    static void registerAll(ControlRegistry registry, PeerDaemon daemon) {
        registry.register(NodeCommands.command("share", ShareRequest.class, (q, p) -> share(daemon, q)));
        registry.register(NodeCommands.command("shares", SharesRequest.class, (q, p) -> shares(daemon)));
        registry.register(NodeCommands.command("unshare", UnshareRequest.class, (q, p) -> unshare(daemon, q)));
    }

    static ShareReply share(PeerDaemon daemon, ShareRequest q) throws IOException {
        Path path = absolute(q.path(), "share");
        if (!Files.exists(path)) {
            throw new UserFacingException("nothing to share at " + path, "give the path of a file or a directory");
        }
        ShareService.Shared done;
        try {
            done = daemon.share(path);
        } catch (InvalidManifestException e) {
            throw new UserFacingException("cannot share " + path + ": " + e.getMessage(), null);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("cannot read " + e.getFile(), "check the path and its permissions");
        }
        Link link = done.content().link();
        LOG.info("sharing {} ({} bytes) as {}", path, link.size(), link);
        Manifest manifest = done.content().manifest();
        Announcement a = landed(done.firstAnnouncement());
        TorrentInfo torrent = TorrentInfo.of(manifest);
        return new ShareReply(link.toString(), link.contentId().toHex(), link.name(), link.size(), manifest.pieceCount(),
                manifest.pieceSize(), a.stored(), a.wanted(), a.summary(),
                new MagnetLink(torrent.infoHash(), torrent.name(), List.of(daemon.shareAddress())).toString(),
                q.torrent() ? torrent.torrentFile() : null);
    }

    /** Where an announcement landed, or what kept it (a failure, or no answer within {@link #ANNOUNCE_WAIT}). */
    private static Announcement landed(java.util.concurrent.CompletableFuture<Announcement> announcement) {
        try {
            return announcement.get(ANNOUNCE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Announcement(-1, 0, false, "not done after " + ANNOUNCE_WAIT.toSeconds() + " s (still trying)");
        } catch (ExecutionException e) {
            return new Announcement(0, 0, false, "failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Announcement(-1, 0, false, "interrupted");
        }
    }

    static SharesReply shares(PeerDaemon daemon) {
        return new SharesReply(daemon.served().stream()
                .map(c -> new ShareView(c.id().toHex(), c.manifest().name(), c.manifest().totalSize(), c.link().toString(),
                        c.files().size() == 1 && !c.manifest().directory() ? c.files().get(0).toString()
                                : c.files().get(0).getParent().toString()))
                .sorted(java.util.Comparator.comparing(ShareView::name)).toList());
    }

    static UnshareReply unshare(PeerDaemon daemon, UnshareRequest q) throws IOException {
        String id = q.id() == null ? "" : q.id().strip().toLowerCase(java.util.Locale.ROOT);
        List<LocalContent> matching = daemon.served().stream().filter(c -> !id.isEmpty() && c.id().toHex().startsWith(id))
                .toList();
        if (matching.isEmpty()) {
            throw new UserFacingException("this node does not share " + q.id(), "chordia shares lists what it shares");
        }
        if (matching.size() > 1) {
            throw new UserFacingException(q.id() + " is the start of " + matching.size() + " shared ids",
                    "give more of the id; chordia shares lists them");
        }
        LocalContent c = matching.get(0);
        Announcement withdrawn = landed(daemon.unshare(c.id()));
        LOG.info("no longer sharing {} ({}); withdrawal {}", c.manifest().name(), c.id().toHex(), withdrawn.summary());
        return new UnshareReply(c.id().toHex(), c.manifest().name(), withdrawn.stored(), withdrawn.wanted(),
                withdrawn.summary(), daemon.announceTtl().toSeconds());
    }

    static Path absolute(String text, String verb) {
        if (text == null || text.isBlank()) {
            throw new UserFacingException("no path given to " + verb, null);
        }
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            throw new UserFacingException("the node needs an absolute path, got " + text, "use chordia " + verb);
        }
        return path.normalize();
    }
}
