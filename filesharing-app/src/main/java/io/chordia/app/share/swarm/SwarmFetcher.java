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
import io.chordia.app.share.wire.DropReason;
import io.chordia.app.share.wire.FetcherConnector;
import io.chordia.app.share.wire.WireFormat;
import io.chordia.app.share.wire.WireStats;
import io.chordia.core.net.Address;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Fetches one content from a swarm: finds peers in a {@link PeerDirectory}, takes the manifest
 * from the first peer whose copy hashes to the content id, then downloads 16 KiB blocks from up to
 * {@link SwarmConfig#maxPeers} peers at once, rarest piece first, each peer with
 * {@link SwarmConfig#requestWindow} requests in flight; once every piece is taken, idle peers
 * duplicate the remaining requests (endgame) and the first answer cancels the others. Every
 * piece is hashed before it is written; a peer whose piece fails is banned for this content and
 * the piece is fetched again from others. A peer that disappears only returns its requests.
 *
 * <p>All state is confined to one event loop (every connection of this fetch is registered on
 * it); hashing and disk writes run on {@code workers} and report back to the loop.
 */
public final class SwarmFetcher {
    private static final Logger LOG = LogManager.getLogger();
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(Sharer::sha1);

    private final Link link;
    private final ContentId id;
    private final Path outDir;
    private final PeerDirectory directory;
    private final Address self;
    private final EventLoop loop;
    private final Executor workers;
    private final SwarmConfig config;
    private final ProgressListener listener;
    private final RandomGenerator random;
    private final WireStats stats;
    private final CompletableFuture<FetchResult> result = new CompletableFuture<>();

    private final Map<Address, PeerSession> sessions = new LinkedHashMap<>();
    private final Map<Address, Long> retryAt = new HashMap<>();
    private final Set<Address> banned = new LinkedHashSet<>();
    private final Set<Address> delivered = new LinkedHashSet<>();
    private final List<Address> candidates = new ArrayList<>();
    private final int[] pendingCommit;
    private int pendingCount;

    private byte[] encodedManifest;
    private Manifest manifest;
    private PieceStore store;
    private PiecePicker picker;
    private BlockPlanner planner;
    private int verifying;
    private int committing;
    /** Commits not yet done, counted on the worker side: only the last may close the store once the loop is gone. */
    private final java.util.concurrent.atomic.AtomicInteger commitsOutstanding = new java.util.concurrent.atomic.AtomicInteger();
    private long verifiedBytes;
    private long downloadedBytes;
    private int resumed;
    private int hashFailures;
    private boolean finished;
    private boolean completing;
    private boolean lookupInFlight;
    private long lastLookupNanos;
    private final long startNanos = System.nanoTime();
    private long lastGoodNanos = startNanos;
    private final SpeedMeter meter = new SpeedMeter(startNanos);
    private long lastReportNanos;
    private ScheduledFuture<?> ticker;

    public SwarmFetcher(Link link, Path outDir, PeerDirectory directory, Address self, EventLoop loop, Executor workers,
                        SwarmConfig config, RandomGenerator random, WireStats stats, ProgressListener listener) {
        this.link = link;
        this.id = link.contentId();
        this.outDir = outDir;
        this.directory = directory;
        this.self = self;
        this.loop = loop;
        this.workers = workers;
        this.config = config;
        this.listener = listener;
        this.random = random;
        this.stats = stats;
        this.pendingCommit = new int[config.commitEvery()];
    }

    /** Starts the fetch; the future completes when every piece is verified and durable, or fails with a {@link FetchFailedException}. */
    public CompletableFuture<FetchResult> start() {
        result.whenComplete((r, failure) -> {
            if (failure instanceof CancellationException) {
                cancel(); // the caller cancelled the future
            }
        });
        loop.execute(this::begin);
        return result;
    }

    /** Stops the fetch, keeping what is verified for a later resume; the future fails with a {@link CancellationException}. */
    public void cancel() {
        post(() -> stop(new CancellationException("fetch of " + link.name() + " cancelled")));
    }

    // ------------------------------------------------------------------ manifest

    private void begin() {
        long tickNanos = Math.max(config.progressInterval().toNanos(), TimeUnit.MILLISECONDS.toNanos(50));
        ticker = loop.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        try {
            byte[] saved = PieceStore.savedManifest(outDir, id);
            if (saved != null && ContentId.of(saved).equals(id)) {
                acceptManifest(saved);
                return;
            }
        } catch (IOException | InvalidManifestException e) {
            LOG.debug("ignoring the saved manifest of {}: {}", id, e.getMessage());
        }
        lookupPeers();
    }

    void onManifest(PeerSession s, byte[] contentId, byte[] encoded) {
        s.closedByUs = true;
        s.close();
        if (s.phase != PeerSession.Phase.MANIFEST || manifest != null) {
            return;
        }
        if (!Arrays.equals(contentId, id.toBytes()) || !ContentId.of(encoded).equals(id)) {
            stats.dropped(DropReason.BAD_MANIFEST);
            ban(s, "its manifest does not hash to the content id");
            return;
        }
        try {
            acceptManifest(encoded);
        } catch (InvalidManifestException e) {
            stats.dropped(DropReason.BAD_MANIFEST);
            ban(s, e.getMessage());
        }
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
        workers.execute(() -> {
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
        picker = new PiecePicker(manifest.pieceCount(), have, random);
        planner = new BlockPlanner(manifest, config, picker);
        lastGoodNanos = System.nanoTime();
        if (picker.complete()) {
            complete();
            return;
        }
        for (PeerSession s : List.copyOf(sessions.values())) {
            s.closedByUs = true; // a manifest connection: data connections are opened fresh
            s.close();
            sessions.remove(s.address);
        }
        if (candidates.isEmpty()) {
            lookupPeers(); // the manifest came from disk (a resume): no peers asked yet
        }
        connectMore();
    }

    // ------------------------------------------------------------------ peers

    private void lookupPeers() {
        if (lookupInFlight || finished) {
            return;
        }
        lookupInFlight = true;
        lastLookupNanos = System.nanoTime();
        directory.findPeers(id).whenComplete((peers, failure) -> post(() -> {
            lookupInFlight = false;
            if (failure != null) {
                LOG.debug("peer lookup for {} failed: {}", id, failure.toString());
                return;
            }
            for (Address a : peers) {
                if (!a.equals(self) && !candidates.contains(a)) {
                    candidates.add(a);
                }
            }
            connectMore();
        }));
    }

    private void connectMore() {
        if (finished || (manifest != null && picker == null)) {
            return; // between manifest and store: data connections wait for the store to say what we have
        }
        long now = System.nanoTime();
        int limit = manifest == null ? 1 : config.maxPeers();
        for (Address a : candidates) {
            if (sessions.size() >= limit) {
                break;
            }
            Long retry = retryAt.get(a);
            if (sessions.containsKey(a) || banned.contains(a) || (retry != null && retry - now > 0)) {
                continue;
            }
            connect(a, manifest == null ? PeerSession.Phase.MANIFEST : PeerSession.Phase.OPENING);
        }
    }

    private void connect(Address a, PeerSession.Phase phase) {
        PeerSession s = new PeerSession(a, this, phase);
        sessions.put(a, s);
        ChannelFuture f = FetcherConnector.connect(loop, a, config.connectTimeout(), s);
        s.channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("cannot connect to {}: {}", a, done.cause() == null ? "?" : done.cause().toString());
                return; // onClosed follows (or the channel never became active)
            }
            if (s.phase == PeerSession.Phase.MANIFEST) {
                FetcherConnector.getManifest(s.channel, id);
            } else {
                FetcherConnector.open(s.channel, id);
            }
        });
        // A failed connect may never fire channelInactive: make sure the session is dropped.
        s.channel.closeFuture().addListener(x -> post(() -> onSessionClosed(s)));
    }

    void onUnknownContent(PeerSession s) {
        LOG.debug("{} does not have {}", s, id);
        backOff(s.address);
        s.close();
    }

    void onChoke(PeerSession s, String reason) {
        LOG.debug("{} choked us: {}", s, reason);
        stats.dropped(DropReason.CHOKED);
        backOff(s.address);
        s.close();
    }

    void onMalformed(PeerSession s, DropReason reason) {
        stats.dropped(reason);
        backOff(s.address);
    }

    private void backOff(Address a) {
        retryAt.put(a, System.nanoTime() + config.retryPeersAfter().toNanos());
    }

    void onBitfield(PeerSession s, byte[] contentId, byte[] bits) {
        if (s.phase != PeerSession.Phase.OPENING || picker == null || !Arrays.equals(contentId, id.toBytes())
                || bits.length != (manifest.pieceCount() + 7) / 8) {
            stats.dropped(DropReason.UNEXPECTED);
            s.close();
            return;
        }
        BitSet has = new BitSet(manifest.pieceCount());
        for (int p = 0; p < manifest.pieceCount(); p++) {
            if ((bits[p >>> 3] & (0x80 >>> (p & 7))) != 0) {
                has.set(p);
            }
        }
        s.has = has;
        s.phase = PeerSession.Phase.ACTIVE;
        picker.addPeer(has);
        fill(s);
    }

    void onSessionClosed(PeerSession s) {
        if (s.phase == PeerSession.Phase.CLOSED) {
            return;
        }
        s.phase = PeerSession.Phase.CLOSED;
        if (sessions.get(s.address) == s) {
            sessions.remove(s.address);
        }
        if (!s.closedByUs && !banned.contains(s.address)) {
            backOff(s.address);
        }
        if (s.has != null && picker != null) {
            picker.removePeer(s.has);
        }
        if (planner != null) {
            planner.peerGone(s);
        }
        if (finished) {
            return;
        }
        connectMore();
        fillAll();
    }

    // ------------------------------------------------------------------ requests

    private void fillAll() {
        for (PeerSession s : List.copyOf(sessions.values())) {
            fill(s);
        }
    }

    /** Tops up {@code s}'s pipeline of requests and flushes them in one write. */
    private void fill(PeerSession s) {
        if (s.phase != PeerSession.Phase.ACTIVE || finished) {
            return;
        }
        boolean sent = false;
        while (s.outstanding.size() < config.requestWindow()) {
            long key = planner.nextBlock(s, verifying);
            if (key < 0) {
                break;
            }
            ActivePiece ap = planner.get((int) (key >>> 32));
            int block = (int) key;
            if (ap.blocks[block] == ActivePiece.NONE) {
                ap.blocks[block] = ActivePiece.REQUESTED;
            }
            ap.requests[block]++;
            s.outstanding.add(key);
            FetcherConnector.request(s.channel, ap.index, block * WireFormat.BLOCK_SIZE, ap.blockLength(block));
            sent = true;
        }
        if (sent) {
            s.channel.flush();
        }
    }

    ByteBuffer onBlockStart(PeerSession s, int piece, int offset, int length) {
        ActivePiece ap = planner.get(piece);
        int block = offset / WireFormat.BLOCK_SIZE;
        long key = PeerSession.key(piece, block);
        if (!s.outstanding.contains(key) || ap == null || offset % WireFormat.BLOCK_SIZE != 0
                || length != ap.blockLength(block)) {
            stats.dropped(DropReason.UNREQUESTED_BLOCK);
            downloadedBytes += length;
            return null;
        }
        if (ap.blocks[block] == ActivePiece.RECEIVED || ap.blocks[block] == ActivePiece.RECEIVING) {
            // An endgame duplicate: another peer's copy came (or is coming) first.
            s.outstanding.remove(key);
            ap.requests[block]--;
            downloadedBytes += length;
            return null;
        }
        ap.blocks[block] = ActivePiece.RECEIVING;
        s.receivingKey = key;
        return ap.buffer.nioBuffer(offset, length);
    }

    void onBlockDone(PeerSession s, int piece, int offset, int length) {
        ActivePiece ap = planner.get(piece);
        int block = offset / WireFormat.BLOCK_SIZE;
        long key = PeerSession.key(piece, block);
        s.receivingKey = -1;
        s.outstanding.remove(key);
        s.blocksDelivered++;
        downloadedBytes += length;
        delivered.add(s.address);
        ap.blocks[block] = ActivePiece.RECEIVED;
        ap.requests[block]--;
        ap.received++;
        ap.from[block] = s;
        if (ap.requests[block] > 0) {
            for (PeerSession other : sessions.values()) {
                if (other != s && other.outstanding.remove(key)) {
                    ap.requests[block]--;
                    FetcherConnector.cancel(other.channel, piece, offset, length);
                }
            }
        }
        if (ap.complete()) {
            planner.remove(piece);
            verify(ap);
        }
    }

    void onReadComplete(PeerSession s) {
        fill(s);
    }

    // ------------------------------------------------------------------ verification and disk

    private void verify(ActivePiece ap) {
        verifying++;
        PieceStore target = store;
        workers.execute(() -> {
            boolean ok = false;
            Throwable ioError = null;
            try {
                ByteBuffer data = ap.buffer.nioBuffer(0, ap.length);
                MessageDigest sha1 = SHA1.get();
                sha1.update(data.duplicate());
                ok = manifest.hashMatches(ap.index, sha1.digest());
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
            post(() -> verified(ap, good, error));
        });
    }

    private void verified(ActivePiece ap, boolean ok, Throwable ioError) {
        verifying--;
        if (finished) {
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
            picker.release(ap.index);
            stats.dropped(DropReason.BAD_PIECE);
            List<PeerSession> culprits = List.copyOf(ap.contributors());
            for (PeerSession c : culprits) {
                // One sender: it is the liar. Several (endgame): each gets a strike, two strikes ban.
                if (culprits.size() == 1 || ++c.strikes >= 2) {
                    ban(c, "piece " + ap.index + " failed its hash");
                }
            }
            fillAll();
            return;
        }
        picker.markHave(ap.index);
        verifiedBytes += ap.length;
        lastGoodNanos = System.nanoTime();
        pendingCommit[pendingCount++] = ap.index;
        if (System.nanoTime() - lastReportNanos >= config.progressInterval().toNanos()) {
            report(false);
        }
        if (pendingCount == pendingCommit.length || picker.complete()) {
            commitPending();
        }
        fillAll();
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
        workers.execute(() -> {
            Throwable error = null;
            try {
                target.commit(batch, batch.length);
            } catch (IOException | RuntimeException e) {
                error = e;
            }
            boolean last = commitsOutstanding.decrementAndGet() == 0;
            Throwable e = error;
            boolean reported = post(() -> {
                committing--;
                if (e != null && !finished) {
                    fail(new FetchFailedException("cannot record progress in " + outDir + ": " + e.getMessage(), e));
                    return;
                }
                closeStoreWhenIdle();
                maybeComplete();
            });
            if (!reported && last) {
                // The service shut down under the commits: the last one to finish closes the store. An
                // earlier one closing it would make the later commits fail and lose their pieces for a resume.
                target.close();
            }
        });
    }

    private void maybeComplete() {
        if (!finished && picker != null && picker.complete() && committing == 0 && verifying == 0 && pendingCount == 0) {
            complete();
        }
    }

    private void complete() {
        finished = true;
        completing = true;
        closeSessions();
        PieceStore target = store;
        workers.execute(() -> {
            try {
                LocalContent content = target.finish(encodedManifest);
                FetchResult r = new FetchResult(content, outDir.resolve(manifest.name()), manifest.totalSize(), downloadedBytes,
                        resumed, target.invalidatedOnOpen(), hashFailures, List.copyOf(banned), delivered.size(),
                        Duration.ofNanos(System.nanoTime() - startNanos));
                post(() -> {
                    report(true);
                    result.complete(r);
                });
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(new FetchFailedException("cannot finish " + link.name() + ": " + e.getMessage(), e));
            }
        });
    }

    // ------------------------------------------------------------------ failure, progress

    /** Runs {@code task} on the fetch's loop; dropped when the service is shutting down (its connections go with it). */
    private boolean post(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    private void ban(PeerSession s, String why) {
        if (banned.add(s.address)) {
            LOG.info("banned {} for {}: {}", s.address, link.name(), why);
        }
        if (planner != null) {
            planner.dropBlocksFrom(s);
        }
        s.close();
        if (manifest == null) {
            connectMore();
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
        closeSessions();
        if (store != null && pendingCount > 0) {
            commitPending(); // keep what is verified for a resume
        }
        if (planner != null) {
            planner.releaseAll();
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

    private void closeSessions() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (PeerSession s : List.copyOf(sessions.values())) {
            s.close();
        }
    }

    private void tick() {
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        meter.sample(now, downloadedBytes);
        report(false);
        if (now - lastGoodNanos > config.stallTimeout().toNanos()) {
            fail(new FetchFailedException(stallMessage()));
            return;
        }
        if (sessions.size() < config.maxPeers() && now - lastLookupNanos > config.retryPeersAfter().toNanos()) {
            lookupPeers();
        }
        connectMore();
    }

    private String stallMessage() {
        String what = manifest == null ? "the manifest" : "any piece";
        Duration t = config.stallTimeout();
        String in = t.toMillis() < 1000 ? t.toMillis() + " ms" : t.toSeconds() + " s";
        return "no peer delivered " + what + " of " + link.name() + " in " + in + " ("
                + candidates.size() + " peers known, " + banned.size() + " banned)";
    }

    private void report(boolean done) {
        long now = System.nanoTime();
        lastReportNanos = now;
        long total = link.size();
        int peers = (int) sessions.values().stream().filter(s -> s.phase == PeerSession.Phase.ACTIVE).count();
        try {
            listener.onProgress(new FetchProgress(link.name(), total, verifiedBytes, downloadedBytes,
                    done ? meter.average(now, downloadedBytes) : meter.recent(), peers,
                    done ? Duration.ZERO : meter.eta(total - verifiedBytes), done));
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
    }
}
