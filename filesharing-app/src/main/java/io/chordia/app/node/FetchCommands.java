package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlCommand;
import io.chordia.app.control.ControlRegistry;
import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.app.share.LinkFormatException;
import io.chordia.app.share.NoPeersException;
import io.chordia.app.share.store.ResumeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The daemon's fetch verbs: {@code fetch} (download a link, streaming progress lines, or start it
 * detached), {@code cancel} (stop a fetch, keeping its verified pieces) and {@code transfers}
 * (the fetches running and ended). A fetch whose client goes away (Ctrl-C, kill -9) is cancelled
 * unless it was started detached: a progress line goes out every {@link #PROGRESS_EVERY}, even
 * when nothing moved, so a vanished client is noticed within two of them.
 */
public final class FetchCommands {
    static final Duration PROGRESS_EVERY = Duration.ofMillis(250);
    /** How long a cancel waits for the fetch's last journal commit before answering. */
    static final Duration SETTLE_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LogManager.getLogger();

    private FetchCommands() {}

    /**
     * @param link   a chordia link, a magnet link, or the absolute path of a {@code .torrent}
     * @param detach start the fetch and answer at once; it runs on in the node
     * @param peers  BitTorrent peers ({@code host:port}) to fetch a magnet link or torrent from, beside those it finds
     */
    public record FetchRequest(String link, String outDir, boolean detach, List<String> peers) {
        public FetchRequest(String link, String outDir, boolean detach) {
            this(link, outDir, detach, List.of());
        }
    }

    /** One progress line of a fetch; {@code keptPieces} are on disk for a resume, {@code path} holds them. */
    public record FetchUpdate(String name, long totalBytes, long verifiedBytes, long downloadedBytes,
                              double bytesPerSecond, int peers, Long etaSeconds, int keptPieces, int totalPieces,
                              String path) {
        static FetchUpdate of(Transfer t, FetchProgress p) {
            return new FetchUpdate(t.link().name(), t.link().size(), p == null ? 0 : p.verifiedBytes(),
                    p == null ? 0 : p.downloadedBytes(), p == null ? 0 : p.bytesPerSecond(), p == null ? 0 : p.peers(),
                    p == null || p.eta() == null ? null : p.eta().toSeconds(), t.keptPieces(), t.totalPieces(),
                    t.path().toString());
        }

        /** The progress this line reports, for the client's progress bar. */
        public FetchProgress toProgress() {
            return new FetchProgress(name, totalBytes, verifiedBytes, downloadedBytes, bytesPerSecond, peers,
                    etaSeconds == null ? null : Duration.ofSeconds(etaSeconds), false);
        }
    }

    /** A finished fetch, or (detached) one just started; {@code alreadyComplete}: nothing was missing. */
    public record FetchReply(String path, String name, long totalBytes, long downloadedBytes, int resumedPieces,
                             int hashFailures, List<String> banned, int peersUsed, double seconds, String transferId,
                             boolean detached, boolean alreadyComplete) {}

    /** @param outDir the fetch's output directory, or null for the latest fetch of that id */
    public record CancelRequest(String id, String outDir) {}

    /** @param stopped whether this cancel stopped the fetch (else it had already ended, in {@code state}) */
    public record CancelReply(String id, String name, String state, int keptPieces, int totalPieces, String path,
                              boolean stopped) {}

    public record TransfersRequest() {}

    public record TransfersReply(List<Transfer.TransferView> transfers) {}

    static void registerAll(ControlRegistry registry, PeerDaemon daemon) {
        Transfers transfers = new Transfers(new UnfinishedFetches(daemon.dataDir().fetchesFile()));
        registry.register(NodeCommands.command("fetch", FetchRequest.class, (q, p) -> fetch(daemon, transfers, q, p)));
        registry.register(NodeCommands.command("cancel", CancelRequest.class, (q, p) -> cancel(transfers, q)));
        registry.register(NodeCommands.command("transfers", TransfersRequest.class,
                (q, p) -> new TransfersReply(transfers.list())));
    }

    static FetchReply fetch(PeerDaemon daemon, Transfers transfers, FetchRequest q, ControlCommand.Progress progress)
            throws Exception {
        if (TorrentFetches.isTorrent(q.link())) {
            return TorrentFetches.fetch(daemon, transfers, q, progress);
        }
        Link link;
        try {
            link = Link.parse(q.link());
        } catch (LinkFormatException e) {
            throw new UserFacingException("not a chordia link: " + e.getMessage(),
                    "copy the whole line 'chordia share' printed, e.g. " + Link.SCHEME + "<40 hex digits>?name=...&size=...");
        }
        Path outDir = outDir(q);
        Transfer t = transfers.start(q.link(), link, outDir, q.detach(), listener -> {
            LOG.info("fetching {} ({} bytes) into {}{}", link.name(), link.size(), outDir, q.detach() ? ", detached" : "");
            var handle = daemon.fetch(link, outDir, listener);
            daemon.measured().fetchStarted(handle.result());
            handle.result().whenComplete((r, failure) -> log(link, r, failure));
            return handle;
        });
        if (q.detach()) {
            return new FetchReply(t.path().toString(), link.name(), link.size(), 0, 0, 0, List.of(), 0, 0, t.id(), true,
                    false);
        }
        return follow(t, progress);
    }

    /** The request's output directory, created. */
    static Path outDir(FetchRequest q) {
        Path outDir = ShareCommands.absolute(q.outDir(), "fetch");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UserFacingException("cannot create the output directory " + outDir + ": " + e.getMessage(),
                    "give a writable directory with -o");
        }
        return outDir;
    }

    static FetchReply follow(Transfer t, ControlCommand.Progress progress) throws Exception {
        CompletableFuture<FetchResult> running = t.handle().result();
        try {
            while (true) {
                try {
                    FetchResult r = running.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    boolean already = r.downloadedBytes() == 0 && r.resumedPieces() == r.content().manifest().pieceCount();
                    return new FetchReply(r.root().toString(), t.link().name(), r.totalBytes(), r.downloadedBytes(),
                            r.resumedPieces(), r.hashFailures(), r.banned().stream().map(Object::toString).toList(),
                            r.peersUsed(), r.elapsed().toNanos() / 1e9, t.id(), false, already);
                } catch (TimeoutException e) {
                    progress.report(FetchUpdate.of(t, t.latest())); // throws when the client went away
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoPeersException) {
                throw new UserFacingException(cause.getMessage(),
                        "check the link; the node that shared it must be running (its announcement lasts 30 min after it stops)");
            }
            if (cause instanceof FetchFailedException) {
                int kept = t.keptPieces();
                throw new UserFacingException(cause.getMessage(), kept <= 0 ? null : "run the same command again later: "
                        + ResumeState.describe(kept, t.totalPieces(), t.path().toString()) + " and the fetch resumes");
            }
            throw e;
        } catch (CancellationException e) {
            t.handle().settled().get(SETTLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new UserFacingException("cancelled: " + ResumeState.describe(t.keptPieces(), t.totalPieces(), t.path().toString()),
                    "run the same command to resume");
        } catch (UncheckedIOException | InterruptedException e) {
            if (!t.detached()) {
                t.handle().cancel(); // the client went away (Ctrl-C, kill) or the node stops: keep what is verified
            }
            throw e;
        }
    }

    static CancelReply cancel(Transfers transfers, CancelRequest q) throws Exception {
        Path outDir = q.outDir() == null ? null : ShareCommands.absolute(q.outDir(), "cancel");
        Transfer t = transfers.find(q.id() == null ? "" : q.id(), outDir).orElseThrow(() -> new UserFacingException(
                "no fetch of " + q.id() + " in this node", "chordia transfers lists them"));
        boolean running = t.state() == Transfer.State.ACTIVE;
        if (running) {
            try {
                t.handle().cancel().get(SETTLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("the fetch of {} did not stop writing within {} s", t.link().name(), SETTLE_WAIT.toSeconds());
            }
        }
        return new CancelReply(t.id(), t.link().name(), t.state().name().toLowerCase(java.util.Locale.ROOT),
                t.keptPieces(), t.totalPieces(), t.path().toString(), running);
    }

    private static void log(Link link, FetchResult r, Throwable failure) {
        if (failure == null) {
            LOG.info("fetched {}: {} bytes downloaded from {} {} in {} s{}", link.name(), r.downloadedBytes(),
                    r.peersUsed(), r.peersUsed() == 1 ? "peer" : "peers", r.elapsed().toSeconds(), r.resumedPieces() > 0 ? ", " + r.resumedPieces()
                            + " pieces kept from before" : "");
        } else {
            LOG.info("fetch of {} stopped: {}", link.name(), failure instanceof CancellationException
                    ? "cancelled" : String.valueOf(failure.getMessage()));
        }
    }
}
