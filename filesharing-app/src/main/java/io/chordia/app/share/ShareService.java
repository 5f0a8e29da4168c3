package io.chordia.app.share;

import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.BanList;
import io.chordia.app.share.bittorrent.InfoHashAnnouncer;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.bittorrent.fetch.MagnetMetadata;
import io.chordia.app.share.swarm.PeerConnector;
import io.chordia.app.share.directory.Announcement;
import io.chordia.app.share.directory.PeerDirectory;
import io.chordia.app.share.swarm.SwarmFetcher;
import io.chordia.app.share.swarm.SwarmRuntime;
import io.chordia.app.share.wire.BitTorrentPeerConnector;
import io.chordia.app.share.wire.ContentCatalog;
import io.chordia.app.share.wire.NettyPeerConnector;
import io.chordia.app.share.wire.PooledPieceBuffers;
import io.chordia.app.share.wire.ServedContent;
import io.chordia.app.share.wire.ShareProtocol;
import io.chordia.app.share.wire.UploadSlots;
import io.chordia.app.share.wire.WireStats;
import io.chordia.core.net.Address;
import io.netty.channel.EventLoop;
import io.chordia.transport.netty.EventLoopScheduler;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.PortListener;
import io.chordia.transport.netty.PortProtocols;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One peer's file sharing, the facade the daemon hosts: transfers served on a TCP port (the
 * node's own, shared with the DHT, or one of its own), the contents it serves, the fetches it
 * runs, and its announcements in a {@link PeerDirectory}.
 *
 * <ul>
 *   <li>{@link #share(Path)} hashes a file or directory (blocking: it reads it all), serves it,
 *       announces this peer for it and keeps the announcement fresh; returns the link to hand out.
 *   <li>{@link #fetch(Link, Path, ProgressListener)} downloads a link into {@code outDir/<name>},
 *       resuming an earlier interrupted fetch into the same directory. The future completes with a
 *       {@link FetchResult}, or fails with a {@link FetchFailedException} whose message is fit for
 *       a user; cancelling it stops the fetch and keeps what is verified for a resume. Once
 *       complete, the content is served and announced too (unless
 *       {@link ShareConfig#seedAfterFetch()} is off).
 *   <li>{@link #close()} stops serving, fetching and announcing (announcements then expire).
 * </ul>
 *
 * <p>Thread-safe. Progress callbacks and futures complete on the service's threads: they must not
 * block. It owns its threads: {@link ShareConfig#ioThreads()} Netty event loops and
 * {@link ShareConfig#workerThreads()} workers for hashing and disk writes.
 */
public final class ShareService implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    /** How long {@link #close()} waits for piece writes and journal commits in flight. */
    private static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(60);

    private final ShareConfig config;
    private final PeerDirectory directory;
    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final ContentCatalog catalog = new ContentCatalog();
    private final WireStats stats = new WireStats();
    /** Our frames and BitTorrent's peer wire, both on the same port. */
    private final java.util.List<ShareProtocol> protocols;
    /** The port transfers are served on: the node's, or one of this service's own. */
    private final PortProtocols port;
    /** The listener this service opened, or null when it serves on the node's port. */
    private final PortListener ownPort;
    /** Where peers are told to connect. */
    private final Supplier<Address> reachableAt;
    private volatile InfoHashAnnouncer infoHashes;
    private final Map<ContentId, Boolean> announced = new ConcurrentHashMap<>();
    private final Map<SwarmFetcher, Boolean> fetches = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> refresher;
    private final SplittableRandom seeds = new SplittableRandom();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ShareService(ShareConfig config, PeerDirectory directory, PortProtocols nodePort,
                         java.util.function.Function<Address, Address> announced) throws IOException {
        this.config = config;
        this.directory = directory;
        this.group = NettyEventLoops.newGroup(config.ioThreads(), "share-io");
        this.workers = Executors.newFixedThreadPool(config.workerThreads(), new DefaultThreadFactory("share-worker", true));
        UploadSlots slots = new UploadSlots(config.maxUploads());
        this.protocols = java.util.List.of(ShareProtocol.frames(group, catalog, slots, stats, config.idleTimeout()),
                ShareProtocol.bitTorrent(group, new io.chordia.app.share.wire.BitTorrentSeeding(catalog,
                                new EventLoopScheduler(group.next()), seeds.split(), stats),
                        config.idleTimeout()));
        try {
            this.ownPort = nodePort != null ? null
                    : PortListener.bind(config.bindHost(), config.bindPort(), group, new PortProtocols(), config.idleTimeout());
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownNow();
            throw e;
        }
        this.port = ownPort != null ? ownPort.protocols() : nodePort;
        Address bound = ownPort == null ? null : new Address(config.bindHost(), ownPort.localAddress().port());
        this.reachableAt = () -> announced.apply(bound);
        protocols.forEach(port::add);
        long every = Math.max(1, config.announceTtl().toMillis() / 3);
        this.refresher = group.next().scheduleAtFixedRate(this::announceAll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a service on a port of its own, as {@code config} says; throws an {@link IOException}
     * saying why when it cannot listen. For a peer without a node (tests, benchmarks, demos).
     */
    public static ShareService start(ShareConfig config, PeerDirectory directory) throws IOException {
        return new ShareService(config, directory, null, bound -> bound);
    }

    /**
     * {@link #start(ShareConfig, PeerDirectory)} for a port bound to every interface (a node whose DHT
     * has no TCP listener to share, e.g. on KRPC, listens at its UDP port number this way): it is
     * announced at {@code announcedHost} (asked at each announcement: the node's address can change)
     * and its own port.
     */
    public static ShareService start(ShareConfig config, PeerDirectory directory, Supplier<String> announcedHost)
            throws IOException {
        return new ShareService(config, directory, null, bound -> new Address(announcedHost.get(), bound.port()));
    }

    /**
     * A service that serves transfers on the node's own TCP port, beside the DHT's frames
     * ({@code nodePort}: a connection whose first frame is a transfer's is handed over; see
     * {@link ShareProtocol}), and announces {@code reachableAt} (asked at each announcement).
     */
    public static ShareService onPort(ShareConfig config, PeerDirectory directory, PortProtocols nodePort,
                                      Supplier<Address> reachableAt) throws IOException {
        return new ShareService(config, directory, io.chordia.core.util.Checks.notNull(nodePort, "nodePort"),
                bound -> reachableAt.get());
    }

    /** Where other peers reach this one's transfers. */
    public Address address() {
        return reachableAt.get();
    }

    public ShareConfig config() {
        return config;
    }

    public WireStats stats() {
        return stats;
    }

    /** Hashes and serves {@code path}; announces it (asynchronously, refreshed); returns its link. */
    public Link share(Path path) throws IOException {
        return shareReporting(path).content().link();
    }

    /** Hashes and serves {@code path} as {@link #share} does; says beside the content where its first announcement lands. */
    public Shared shareReporting(Path path) throws IOException {
        LocalContent content = new Sharer(config.pieceSize()).share(path);
        return new Shared(content, serve(content));
    }

    /** A content just shared, and its first announcement (refreshed later whatever it became). */
    public record Shared(LocalContent content, CompletableFuture<Announcement> firstAnnouncement) {}

    /**
     * Serves a content already hashed (e.g. one the daemon kept from an earlier run) and announces it;
     * returns where the announcement landed.
     */
    public CompletableFuture<Announcement> serve(LocalContent content) throws IOException {
        catalog.add(new ServedContent(content));
        announced.put(content.id(), Boolean.TRUE);
        return announce(content.id());
    }

    /** What this peer serves now. */
    public java.util.List<LocalContent> served() {
        return catalog.contents();
    }

    /**
     * Stops serving and re-announcing {@code id}, and withdraws its announcement
     * ({@link PeerDirectory#withdraw}): the future says where the withdrawal landed; copies it
     * missed expire after their TTL ({@link ShareConfig#announceTtl()}).
     */
    public CompletableFuture<Announcement> unshare(ContentId id) {
        announced.remove(id);
        catalog.remove(id);
        try {
            return directory.withdraw(id, address());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Fetches {@code link} into {@code outDir}; see the class comment. */
    public CompletableFuture<FetchResult> fetch(Link link, Path outDir, ProgressListener listener) {
        return start(link, outDir, listener).result();
    }

    /**
     * {@link #fetch}, with a handle that cancels it and says when its kept pieces are on disk. A
     * content this peer serves that is already complete in {@code outDir} completes at once; one no
     * peer announces fails at once with a {@link NoPeersException}.
     */
    public FetchHandle start(Link link, Path outDir, ProgressListener listener) {
        return start(link, outDir, listener, directory,
                loop -> new NettyPeerConnector(loop, config.swarm().connectTimeout()), null);
    }

    /**
     * The info dictionary of {@code infoHash}, fetched with ut_metadata from {@code peers} (a magnet
     * link's fetch starts with it); fails with a {@link FetchFailedException} when none sends it, or an
     * {@link InvalidManifestException} saying why our manifest cannot hold the torrent.
     */
    public CompletableFuture<TorrentInfo> torrentMetadata(InfoHash infoHash, java.util.List<Address> peers) {
        EventLoop loop = group.next();
        return MagnetMetadata.fetch(infoHash, peers, bitTorrentPeers(loop, infoHash, -1), new EventLoopScheduler(loop),
                config.swarm().stallTimeout());
    }

    /**
     * Fetches {@code torrent} from BitTorrent peers into {@code outDir}, as {@link #start(Link, Path,
     * ProgressListener)} fetches a link: same swarm, verification, resume and seeding after; the
     * manifest is the torrent's, so no peer is asked for it.
     */
    public FetchHandle start(TorrentInfo torrent, TorrentPeers peers, Path outDir, ProgressListener listener) {
        byte[] encoded = ManifestCodec.encode(torrent.manifest());
        return start(Link.of(ContentId.of(encoded), torrent.manifest()), outDir, listener, peers,
                loop -> bitTorrentPeers(loop, torrent.infoHash(), torrent.manifest().pieceCount()), encoded);
    }

    private BitTorrentPeerConnector bitTorrentPeers(EventLoop loop, InfoHash infoHash, int pieceCount) {
        return new BitTorrentPeerConnector(loop, config.swarm().connectTimeout(), infoHash, pieceCount,
                new BanList(System::nanoTime, BitTorrentPeerConnector.BAN_TERM, BitTorrentPeerConnector.MAX_BANS), stats);
    }

    private FetchHandle start(Link link, Path outDir, ProgressListener listener, PeerDirectory peerDirectory,
                              Function<EventLoop, PeerConnector> connectors, byte[] knownManifest) {
        Path out = outDir.toAbsolutePath().normalize();
        FetchHandle handle = new FetchHandle();
        long startNanos = System.nanoTime();
        ServedContent here = catalog.get(link.contentId());
        handle.result().whenComplete((r, failure) -> {
            if (failure == null && config.seedAfterFetch()) {
                try {
                    serve(r.content());
                } catch (IOException e) {
                    LOG.warn("fetched {} but cannot serve it: {}", link.name(), e.getMessage());
                }
            }
        });
        workers.execute(() -> {
            FetchResult done = here == null ? null : AlreadyHere.check(here.content(), out, startNanos);
            if (done != null) {
                handle.result().complete(done);
                handle.settle();
                return;
            }
            FirstLookup.run(peerDirectory, link, address()).whenComplete((peers, failure) -> {
                if (failure != null) {
                    handle.result().completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
                if (handle.result().isDone() || closed.get()) {
                    handle.result().cancel(false); // closed during the lookup
                    handle.settle();
                    return;
                }
                runFetcher(link, out, peers, listener, handle, connectors, knownManifest);
            });
        });
        return handle;
    }

    private void runFetcher(Link link, Path out, PeerDirectory peers, ProgressListener listener, FetchHandle handle,
                            Function<EventLoop, PeerConnector> connectors, byte[] knownManifest) {
        EventLoop loop = group.next();
        CountingExecutor own = new CountingExecutor(workers);
        EventLoopScheduler nodeThread = new EventLoopScheduler(loop);
        SwarmRuntime runtime = new SwarmRuntime(nodeThread, own,
                connectors.apply(loop), PooledPieceBuffers.INSTANCE, seeds.split(), stats);
        SwarmFetcher fetcher = new SwarmFetcher(link, out, peers, address(), config.swarm(), runtime, listener);
        // A peer that serves what it fetched serves it from the first verified piece on.
        PartialServing partial = !config.seedAfterFetch() ? null : new PartialServing(link.contentId(), fetcher, nodeThread,
                seeds.split(), catalog, () -> {
                    announced.put(link.contentId(), Boolean.TRUE);
                    announce(link.contentId());
                });
        if (partial != null) {
            fetcher.seeding(partial);
        }
        if (knownManifest != null) {
            fetcher.knownManifest(knownManifest);
        }
        fetches.put(fetcher, Boolean.TRUE);
        CompletableFuture<FetchResult> running = fetcher.start();
        running.whenComplete((r, failure) -> {
            fetches.remove(fetcher);
            if (partial != null) {
                partial.ended(r == null ? null : r.content());
                if (failure != null && partial.announced()) {
                    announced.remove(link.contentId()); // no longer refreshed: it expires
                }
            }
            if (failure != null) {
                fetcher.cancel(); // posted before the wait below, so the fetcher's last commit is queued first
            }
            try {
                loop.execute(() -> own.whenIdle().thenRun(handle::settle));
            } catch (RejectedExecutionException e) {
                own.whenIdle().thenRun(handle::settle);
            }
            if (failure == null) {
                handle.result().complete(r);
            } else {
                handle.result().completeExceptionally(failure);
            }
        });
        handle.result().whenComplete((r, failure) -> {
            if (failure instanceof CancellationException) {
                running.cancel(false);
            }
        });
    }

    private void announceAll() {
        announced.keySet().forEach(this::announce);
    }

    /**
     * Also announces each served content's BitTorrent infohash, at this server's port, whenever the
     * content is announced in our directory (at share, then every third of the TTL: BEP 5's peers
     * expire after 30 minutes); the daemon sets it when its node speaks Mainline.
     */
    public void announceInfoHashesWith(InfoHashAnnouncer announcer) {
        this.infoHashes = announcer;
    }

    private void announceInfoHash(ContentId id) {
        InfoHashAnnouncer announcer = infoHashes;
        ServedContent c = catalog.get(id);
        if (announcer == null || c == null) {
            return;
        }
        InfoHash infoHash = c.torrent().info().infoHash();
        try {
            announcer.announce(infoHash, address().port()).whenComplete((r, failure) -> {
                if (failure != null) {
                    LOG.warn("announcing infohash {} of {} failed: {}", infoHash, id, failure.getMessage());
                }
            });
        } catch (RuntimeException e) { // thrown here, it would end the refresher's schedule
            LOG.warn("announcing infohash {} of {} failed: {}", infoHash, id, e.getMessage());
        }
    }

    private CompletableFuture<Announcement> announce(ContentId id) {
        announceInfoHash(id);
        CompletableFuture<Announcement> done;
        try {
            done = directory.announceReporting(id, address(), config.announceTtl());
        } catch (RuntimeException e) { // thrown here, it would end the refresher's schedule
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((a, failure) -> {
            if (failure != null || !a.accepted()) {
                LOG.warn("announcing {} failed (retried in {} s): {}", id, config.announceTtl().toSeconds() / 3,
                        failure != null ? failure.getMessage() : a.summary());
            }
        });
        return done;
    }

    /** Stops everything; fetches in progress fail with a cancellation and keep their verified pieces. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        refresher.cancel(false);
        fetches.keySet().forEach(SwarmFetcher::cancel);
        protocols.forEach(port::remove);
        if (ownPort != null) {
            ownPort.close();
        }
        protocols.forEach(ShareProtocol::closeConnections);
        catalog.closeAll();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        // Queued journal commits fsync what was downloaded: let them finish, or a resume (or another
        // fetch into the same directory right after) finds less than was verified. A slow disk can
        // take seconds to sync tens of MiB, hence the long bound.
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("file sharing stopped with disk writes still running after {} s; a resume re-fetches what they held",
                        CLOSE_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
