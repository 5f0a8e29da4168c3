package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlRegistry;
import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.Link;
import io.chordia.app.share.LinkFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's file-sharing verbs: {@code share} (hash, serve, announce; answer the link) and
 * {@code fetch} (download a link, streaming progress lines; the content is then served too).
 * Paths arrive absolute: the client resolves them against its own working directory.
 */
public final class ShareCommands {
    /** How often a running fetch reports; a report to a client that went away cancels the fetch. */
    static final Duration PROGRESS_EVERY = Duration.ofMillis(250);
    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(ShareCommands.class);

    private ShareCommands() {}

    public record ShareRequest(String path) {}

    public record ShareReply(String link, String contentId, String name, long size) {}

    public record FetchRequest(String link, String outDir) {}

    /** One progress line of a fetch. */
    public record FetchUpdate(String name, long totalBytes, long verifiedBytes, long downloadedBytes,
                              double bytesPerSecond, int peers, Long etaSeconds) {
        static FetchUpdate of(FetchProgress p) {
            return new FetchUpdate(p.name(), p.totalBytes(), p.verifiedBytes(), p.downloadedBytes(), p.bytesPerSecond(),
                    p.peers(), p.eta() == null ? null : p.eta().toSeconds());
        }

        /** The progress this line reports, for the client's progress bar. */
        public FetchProgress toProgress() {
            return new FetchProgress(name, totalBytes, verifiedBytes, downloadedBytes, bytesPerSecond, peers,
                    etaSeconds == null ? null : Duration.ofSeconds(etaSeconds), false);
        }
    }

    public record FetchReply(String path, String name, long totalBytes, long downloadedBytes, int resumedPieces,
                             int hashFailures, List<String> banned, int peersUsed, double seconds) {}

    static void registerAll(ControlRegistry registry, PeerDaemon daemon) {
        registry.register(NodeCommands.command("share", ShareRequest.class, (q, p) -> share(daemon, q)));
        registry.register(NodeCommands.command("fetch", FetchRequest.class, (q, p) -> fetch(daemon, q, p)));
    }

    static ShareReply share(PeerDaemon daemon, ShareRequest q) throws IOException {
        Path path = absolute(q.path(), "share");
        if (!Files.exists(path)) {
            throw new UserFacingException("nothing to share at " + path, "give the path of a file or a directory");
        }
        Link link;
        try {
            link = daemon.share(path);
        } catch (InvalidManifestException e) {
            throw new UserFacingException("cannot share " + path + ": " + e.getMessage(), null);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("cannot read " + e.getFile(), "check the path and its permissions");
        }
        LOG.info("sharing {} ({} bytes) as {}", path, link.size(), link);
        return new ShareReply(link.toString(), link.contentId().toHex(), link.name(), link.size());
    }

    static FetchReply fetch(PeerDaemon daemon, FetchRequest q, io.chordia.app.control.ControlCommand.Progress progress)
            throws Exception {
        Link link;
        try {
            link = Link.parse(q.link());
        } catch (LinkFormatException e) {
            throw new UserFacingException("not a chordia link: " + e.getMessage(),
                    "copy the whole line 'chordia share' printed, e.g. " + Link.SCHEME + "<40 hex digits>?name=...&size=...");
        }
        Path outDir = absolute(q.outDir(), "fetch");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UserFacingException("cannot create the output directory " + outDir + ": " + e.getMessage(),
                    "give a writable directory with -o");
        }
        AtomicReference<FetchProgress> latest = new AtomicReference<>();
        CompletableFuture<FetchResult> running = daemon.fetch(link, outDir, latest::set);
        daemon.measured().fetchStarted(running);
        LOG.info("fetching {} ({} bytes) into {}", link.name(), link.size(), outDir);
        running.whenComplete((r, failure) -> {
            if (failure == null) {
                LOG.info("fetched {}: {} bytes downloaded from {} peers in {} s{}", link.name(), r.downloadedBytes(),
                        r.peersUsed(), r.elapsed().toSeconds(), r.resumedPieces() > 0 ? ", " + r.resumedPieces()
                                + " pieces kept from before" : "");
            } else {
                LOG.info("fetch of {} stopped: {}", link.name(), failure instanceof CancellationException
                        ? "cancelled" : String.valueOf(failure.getMessage()));
            }
        });
        FetchProgress reported = null;
        try {
            while (true) {
                try {
                    FetchResult r = running.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    return new FetchReply(r.root().toString(), link.name(), r.totalBytes(), r.downloadedBytes(),
                            r.resumedPieces(), r.hashFailures(), r.banned().stream().map(Object::toString).toList(),
                            r.peersUsed(), r.elapsed().toNanos() / 1e9);
                } catch (TimeoutException e) {
                    FetchProgress now = latest.get();
                    if (now != null && now != reported) {
                        progress.report(FetchUpdate.of(now)); // throws when the client went away
                        reported = now;
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FetchFailedException) {
                throw new UserFacingException(cause.getMessage(),
                        "run the same command again later: verified pieces are kept and the fetch resumes");
            }
            throw e;
        } catch (UncheckedIOException | InterruptedException | CancellationException e) {
            running.cancel(true); // the client went away (Ctrl-C) or the node stops: keep what is verified
            throw e;
        }
    }

    private static Path absolute(String text, String verb) {
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
