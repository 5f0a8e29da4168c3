package io.chordia.app.share.swarm;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.Link;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.ManifestCodec;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.directory.PeerDirectory;
import io.chordia.app.share.store.PieceStore;
import io.chordia.core.net.Address;
import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Fetches one content from a swarm: finds peers in a {@link PeerDirectory}, takes the manifest
 * from the first peer whose copy hashes to the content id, then lets its {@link Swarm} download
 * the pieces (rarest first, pipelined, endgame, bans). Every piece is hashed before it is written;
 * verified pieces are made durable in batches, so an interrupted fetch resumes from them.
 *
 * <p>All state is confined to the node thread of {@link SwarmRuntime#scheduler()}, whose clock and
 * timers are the only ones it uses; hashing and disk writes run on {@link SwarmRuntime#workers()}
 * and report back through the scheduler.
 */
public final class SwarmFetcher {
    private static final Logger LOG = LogManager.getLogger();
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(Sharer::sha1);

    private final Link link;
    private final ContentId id;
    private final Path outDir;
    private final PeerDirectory directory;
    private final Address self;
    private final SwarmConfig config;
    private final SwarmRuntime runtime;
    private final Clock clock;
    private final ProgressListener listener;
    private final Swarm swarm;
    private final CompletableFuture<FetchResult> result = new CompletableFuture<>();

    private final int[] pendingCommit;
    private int pendingCount;

    private byte[] encodedManifest;
    private Manifest manifest;
    private PieceStore store;
    private int verifying;
    private int committing;
    /** Commits not yet done, counted on the worker side: only the last may close the store once the fetch stopped. */
    private final AtomicInteger commitsOutstanding = new AtomicInteger();
    /** Set on the node thread when the fetch stops; read by workers, which may outlive the node thread. */
    private volatile boolean stopped;
    private long verifiedBytes;
    private int resumed;
    private int hashFailures;
    private boolean finished;
    private boolean completing;
    private boolean lookupInFlight;
    private long lastLookupNanos;
    private final long startNanos;
    private long lastGoodNanos;
    private final SpeedMeter meter;
    private long lastReportNanos;
    private Cancellable ticker = Cancellable.NONE;
    private Seeding seeding = Seeding.NONE;
    private byte[] knownManifest;

    /**
     * Whoever serves this fetch's pieces to other peers while it runs (a partial seeder). Called on
     * the fetch's node thread.
     */
    public interface Seeding {
        Seeding NONE = new Seeding() {
            @Override
            public void storeOpened(Manifest manifest, byte[] encodedManifest, List<Path> files, BitSet verified) { }

            @Override
            public void pieceVerified(int piece) { }
        };

        /** The content's files are open for writing, {@code verified} pieces already in them (a resume). */
        void storeOpened(Manifest manifest, byte[] encodedManifest, List<Path> files, BitSet verified);

        /** {@code piece} is verified and written: it can be read back from the files. */
        void pieceVerified(int piece);
    }

    public SwarmFetcher(Link link, Path outDir, PeerDirectory directory, Address self, SwarmConfig config,
                        SwarmRuntime runtime, ProgressListener listener) {
        this.link = link;
        this.id = link.contentId();
        this.outDir = outDir;
        this.directory = directory;
        this.self = self;
        this.config = config;
        this.runtime = runtime;
        this.clock = runtime.scheduler().clock();
        this.listener = listener;
        this.pendingCommit = new int[config.commitEvery()];
        this.startNanos = clock.nanoTime();
        this.lastGoodNanos = startNanos;
        this.meter = new SpeedMeter(startNanos);
        this.swarm = new Swarm(id, link.name(), config, runtime, new Swarm.Host() {
            @Override
            public void manifestArrived(byte[] encoded) throws InvalidManifestException {
                acceptManifest(encoded);
            }

            @Override
            public void pieceDownloaded(ActivePiece piece) {
                verify(piece);
            }
        });
    }

    /** Sets who serves this fetch's pieces while it runs; before {@link #start()}. */
    public void seeding(Seeding value) {
        this.seeding = value;
    }

    /**
     * Gives the manifest up front, before {@link #start()}: the caller has it already (from a
     * {@code .torrent}, or a magnet link's info dictionary fetched first), so no peer is asked for it.
     */
    public void knownManifest(byte[] encoded) {
        this.knownManifest = encoded.clone();
    }

    /** Bytes received so far from peers at {@code host}: what a choker ranks this peer's trading partners by. Node thread. */
    public long downloadedFrom(String host) {
        return swarm.downloadedFrom(host);
    }

    /** Starts the fetch; the future completes when every piece is verified and durable, or fails with a {@link FetchFailedException}. */
    public CompletableFuture<FetchResult> start() {
        result.whenComplete((r, failure) -> {
            if (failure instanceof CancellationException) {
                cancel(); // the caller cancelled the future
            }
        });
        post(this::begin);
        return result;
    }

    /** Stops the fetch, keeping what is verified for a later resume; the future fails with a {@link CancellationException}. */
    public void cancel() {
        post(() -> stop(new CancellationException("fetch of " + link.name() + " cancelled")));
    }

    // ------------------------------------------------------------------ manifest

    private void begin() {
        Duration tick = config.progressInterval().compareTo(Duration.ofMillis(50)) > 0 ? config.progressInterval()
                : Duration.ofMillis(50);
        ticker = runtime.scheduler().scheduleAtFixedRate(tick, tick, this::tick);
        try {
            byte[] saved = PieceStore.savedManifest(outDir, id);
            if (saved != null && ContentId.of(saved).equals(id)) {
                acceptManifest(saved);
                return;
            }
        } catch (IOException | InvalidManifestException e) {
            LOG.debug("ignoring the saved manifest of {}: {}", id, e.getMessage());
        }
        if (knownManifest != null && ContentId.of(knownManifest).equals(id)) {
            acceptManifest(knownManifest);
            return;
        }
        lookupPeers();
    }

    private void acceptManifest(byte[] encoded) {
        Manifest m = ManifestCodec.decode(encoded);
        if (!m.name().equals(link.name()) || m.totalSize() != link.size()) {
            fail(new FetchFailedException("the link says '" + link.name() + "', " + link.size() + " bytes, but its content is '"
                    + m.name() + "', " + m.totalSize() + " bytes: the link was altered"));
            return;
        }
        manifest = m;
        encodedManifest = encoded;
        swarm.manifestAccepted();
        runtime.workers().execute(() -> {
            try {
                PieceStore opened = PieceStore.open(outDir, id, m, encoded);
                post(() -> storeOpened(opened));
            } catch (IOException | RuntimeException e) {
                post(() -> fail(new FetchFailedException("cannot write " + link.name() + " into " + outDir + ": "
                        + e.getMessage(), e)));
            }
        });
    }

    private void storeOpened(PieceStore opened) {
        if (finished) {
            opened.close();
            return;
        }
        store = opened;
        BitSet have = opened.verified();
        resumed = have.cardinality();
        for (int p = have.nextSetBit(0); p >= 0; p = have.nextSetBit(p + 1)) {
            verifiedBytes += manifest.pieceLength(p);
        }
        lastGoodNanos = clock.nanoTime();
        boolean noPeersAskedYet = swarm.candidateCount() == 0;
        swarm.startData(manifest, have);
        if (swarm.complete()) {
            complete();
            return;
        }
        seeding.storeOpened(manifest, encodedManifest, opened.paths(), have);
        if (noPeersAskedYet) {
            lookupPeers(); // the manifest came from disk (a resume)
        }
    }

    private void lookupPeers() {
        if (lookupInFlight || finished) {
            return;
        }
        lookupInFlight = true;
        lastLookupNanos = clock.nanoTime();
        directory.findPeers(id).whenComplete((peers, failure) -> post(() -> {
            lookupInFlight = false;
            if (failure != null) {
                LOG.debug("peer lookup for {} failed: {}", id, failure.toString());
                return;
            }
            if (!finished) {
                swarm.addCandidates(peers, self);
            }
        }));
    }

    // ------------------------------------------------------------------ verification and disk

    private void verify(ActivePiece ap) {
        verifying++;
        PieceStore target = store;
        boolean blocks = swarm.wantsBlockDigests(ap);
        runtime.workers().execute(() -> {
            boolean ok = false;
            Throwable ioError = null;
            byte[][] digests = null;
            try {
                ByteBuffer data = ap.buffer.slice(0, ap.length);
                MessageDigest sha1 = SHA1.get();
                sha1.update(data.duplicate());
                ok = manifest.hashMatches(ap.index, sha1.digest());
                digests = blocks ? BlockBlame.digests(data, ap.length) : null;
                if (ok) {
                    target.write(ap.index, data);
                }
            } catch (IOException | RuntimeException e) {
                ioError = e;
            } finally {
                ap.buffer.release();
            }
            boolean good = ok;
            Throwable error = ioError;
            byte[][] blockDigests = digests;
            post(() -> verified(ap, good, error, blockDigests));
        });
    }

    private void verified(ActivePiece ap, boolean ok, Throwable ioError, byte[][] blockDigests) {
        verifying--;
        if (finished) {
            swarm.pieceVerified(ap, false);
            closeStoreWhenIdle();
            return;
        }
        if (ioError != null) {
            fail(new FetchFailedException("cannot write piece " + ap.index + " of " + link.name() + ": " + ioError.getMessage(),
                    ioError));
            return;
        }
        if (!ok) {
            hashFailures++;
            swarm.pieceVerified(ap, false, blockDigests);
            return;
        }
        verifiedBytes += ap.length;
        lastGoodNanos = clock.nanoTime();
        pendingCommit[pendingCount++] = ap.index;
        swarm.pieceVerified(ap, true, blockDigests);
        seeding.pieceVerified(ap.index);
        if (clock.nanoTime() - lastReportNanos >= config.progressInterval().toNanos()) {
            report(false);
        }
        if (pendingCount == pendingCommit.length || swarm.complete()) {
            commitPending();
        }
    }

    private void commitPending() {
        if (pendingCount == 0) {
            maybeComplete();
            return;
        }
        int[] batch = Arrays.copyOf(pendingCommit, pendingCount);
        pendingCount = 0;
        committing++;
        commitsOutstanding.incrementAndGet();
        PieceStore target = store;
        runtime.workers().execute(() -> {
            Throwable error = null;
            try {
                target.commit(batch, batch.length);
            } catch (IOException | RuntimeException e) {
                error = e;
            }
            boolean last = commitsOutstanding.decrementAndGet() == 0;
            Throwable e = error;
            if (last && stopped && !completing) {
                // The fetch stopped under the commits, and its node thread may be gone with the service: the
                // last one to finish closes the store. An earlier one closing it would lose the later pieces.
                target.close();
            }
            post(() -> {
                committing--;
                if (e != null && !finished) {
                    fail(new FetchFailedException("cannot record progress in " + outDir + ": " + e.getMessage(), e));
                    return;
                }
                closeStoreWhenIdle();
                maybeComplete();
            });
        });
    }

    private void maybeComplete() {
        if (!finished && swarm.complete() && committing == 0 && verifying == 0 && pendingCount == 0) {
            complete();
        }
    }

    private void complete() {
        finished = true;
        completing = true;
        stopped = true;
        ticker.cancel();
        swarm.stop();
        PieceStore target = store;
        runtime.workers().execute(() -> {
            try {
                LocalContent content = target.finish(encodedManifest);
                post(() -> {
                    FetchResult r = new FetchResult(content, outDir.resolve(manifest.name()), manifest.totalSize(),
                            swarm.downloadedBytes(), resumed, target.invalidatedOnOpen(), hashFailures, swarm.banned(),
                            swarm.peersDelivered(), Duration.ofNanos(clock.nanoTime() - startNanos));
                    report(true);
                    result.complete(r);
                });
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(new FetchFailedException("cannot finish " + link.name() + ": " + e.getMessage(), e));
            }
        });
    }

    // ------------------------------------------------------------------ failure, progress

    /** Runs {@code task} on the node thread; dropped when the service is shutting down (its links go with it). */
    private void post(Runnable task) {
        try {
            runtime.scheduler().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("fetch of {}: node thread gone, dropped a task", link.name());
        }
    }

    private void fail(Throwable failure) {
        stop(failure);
    }

    private void stop(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        stopped = true;
        ticker.cancel();
        swarm.stop();
        if (store != null && pendingCount > 0) {
            commitPending(); // keep what is verified for a resume
        }
        closeStoreWhenIdle();
        result.completeExceptionally(failure);
    }

    private void closeStoreWhenIdle() {
        // When completing, finish() closes the store instead.
        if (finished && !completing && verifying == 0 && committing == 0 && store != null) {
            store.close();
        }
    }

    private void tick() {
        if (finished) {
            return;
        }
        long now = clock.nanoTime();
        meter.sample(now, swarm.downloadedBytes());
        report(false);
        if (now - lastGoodNanos > config.stallTimeout().toNanos()) {
            fail(new FetchFailedException(stallMessage()));
            return;
        }
        if (swarm.sessionCount() < config.maxPeers() && now - lastLookupNanos > config.retryPeersAfter().toNanos()) {
            lookupPeers();
        }
        swarm.tick();
    }

    private String stallMessage() {
        String what = manifest == null ? "the manifest" : "any piece";
        Duration t = config.stallTimeout();
        String in = t.toMillis() < 1000 ? t.toMillis() + " ms" : t.toSeconds() + " s";
        int known = swarm.candidateCount();
        return "no peer delivered " + what + " of " + link.name() + " in " + in + " ("
                + known + (known == 1 ? " peer" : " peers") + " known, " + swarm.banned().size() + " banned)";
    }

    private void report(boolean done) {
        long now = clock.nanoTime();
        lastReportNanos = now;
        long total = link.size();
        long downloaded = swarm.downloadedBytes();
        try {
            listener.onProgress(new FetchProgress(link.name(), total, verifiedBytes, downloaded,
                    done ? meter.average(now, downloaded) : meter.recent(), swarm.activePeers(),
                    done ? Duration.ZERO : meter.eta(total - verifiedBytes), done));
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
    }
}
