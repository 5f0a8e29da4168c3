package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlRegistry;
import io.chordia.app.control.ControlServer;
import io.chordia.app.dashboard.DashboardLink;
import io.chordia.app.dashboard.TrafficHistory;
import io.chordia.app.share.ContentId;
import io.chordia.app.share.FetchHandle;
import io.chordia.app.share.Link;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.directory.DhtPeerDirectory;
import io.chordia.app.store.MvStoreRecordStore;
import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.net.AdvertisedAddress;
import io.chordia.core.net.Contact;
import io.chordia.core.net.ExternalAddressVotes;
import io.chordia.core.random.UnguessableRandom;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.transport.WireProfile;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.overlay.BitTorrentServices;
import io.chordia.routing.overlay.OverlayFactory;
import io.chordia.routing.overlay.OverlayView;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.transport.WireCodecs;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.net.LocalAddresses;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyPeerTransport;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * A running peer: identity, transport, overlay node, replicated storage on disk, saved contacts,
 * the control channel and metrics, started from {@link NodeSettings} and stopped by
 * {@link #close()} (graceful: records handed over, neighbours told, state flushed).
 */
public final class PeerDaemon implements AutoCloseable {
    /** How long a join may take before the next way in (saved contacts) is tried. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    /** How long a graceful leave may take before the node just stops. */
    static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);
    /** How often the contacts are saved when they changed. */
    static final Duration SAVE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration STORY_INTERVAL = Duration.ofSeconds(5);
    /** Well under a minute, so each minute's traffic lands in its own slot of the history. */
    private static final Duration TRAFFIC_SAMPLE_INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = LogManager.getLogger();

    private final NodeSettings settings;
    private final DataDir dataDir;
    private final NodeIdentity identity;
    private final EventLoopGroup group;
    private final NodeSockets sockets;
    private final NodeGuard guard;
    private final OverlayNode node;
    private final OverlayView view;
    private final ReplicatedStorage storage;
    private final MvStoreRecordStore store;
    private final long startNanos = System.nanoTime();
    private final TrafficHistory trafficHistory = new TrafficHistory(startNanos);
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chordia-housekeeping");
        t.setDaemon(true);
        return t;
    });
    /** What status says while the node joins: its control channel serves before the join ends. */
    static final String JOINING = "joining";
    private volatile String joinedVia = JOINING;
    private volatile boolean serving;
    private final RecentStatus recentStatus = new RecentStatus(this::status);
    /** The address chosen at start and why; the endpoint's {@link #self()} is what is advertised now. */
    private AdvertisedAddress advertised;
    private volatile List<Contact> lastSaved = List.of();
    /** Only these are saved: a contact the overlay holds may be a forged datagram's made-up sender. */
    private final AnsweredContacts answered = new AnsweredContacts(4 * SavedContacts.MAX);
    private final SharedContents shared;
    private volatile ShareService share;
    private ControlServer control;
    private volatile String dashboardLink;
    private DaemonMetrics measured;
    private io.chordia.transport.metrics.MetricsEndpoint metrics;
    private boolean closed;

    /** The transport, the node thread it runs on, and how many bytes an envelope costs on its wire. */
    record NodeSockets(Transport transport, Scheduler scheduler, ToIntFunction<Envelope> sizeOf) {}

    private PeerDaemon(NodeSettings settings, DataDir dataDir, NodeIdentity identity, EventLoopGroup group,
                       NodeSockets sockets, MvStoreRecordStore store, AdvertisedAddress advertised) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.identity = identity;
        this.group = group;
        this.sockets = sockets;
        this.store = store;
        this.shared = new SharedContents(dataDir.sharesFile());
        this.advertised = advertised;
        RandomGenerator random = UnguessableRandom.create();
        Contact self = new Contact(identity.id(), advertised.address());
        this.guard = NodeGuard.around(sockets.transport(), self, sockets.sizeOf(), RpcConfig.defaults().maxPendingCalls());
        OverlayFactory<?> overlay = settings.protocol().overlay();
        this.node = overlay.newNode(self, guard.transport(), sockets.scheduler(), random);
        this.storage = new ReplicatedStorage(node, store, StorageConfig.defaults(), overlay.placement(node),
                random, System::currentTimeMillis);
        this.view = overlay.view(node);
        // The node thread is this node's alone: tag its log lines with the short id (log4j2.xml's %X{node}).
        String shortId = identity.id().shortId();
        sockets.scheduler().execute(() -> ThreadContext.put("node", shortId));
        sockets.scheduler().execute(() -> node.rpc().onAnswered(answered::answered));
        sockets.scheduler().execute(() -> guard.start(node.rpc()));
        ThreadContext.put("node", shortId);
    }

    /**
     * Starts a node: opens the data directory, binds, joins (through the bootstrap nodes, else the
     * saved contacts, else alone when there were neither), then serves control and metrics.
     *
     * @throws UserFacingException for anything the user can fix (port in use, no bootstrap answered, ...)
     */
    public static PeerDaemon start(NodeSettings settings) throws IOException, InterruptedException {
        DataDir dataDir = new DataDir(settings.dataDir());
        dataDir.prepare();
        List<Address> bootstrap = NetworkAddresses.resolveBootstrap(settings.bootstrap());
        String host = NetworkAddresses.bindHost(settings.host());
        Address advertise = NetworkAddresses.advertised(settings.advertise());
        // The store first: it locks the data directory, so a second node on it fails here, before
        // it touches the first one's log, identity or sockets.
        MvStoreRecordStore store = openStore(dataDir);
        EventLoopGroup group = null;
        PeerDaemon daemon;
        try {
            NodeLogging.addRollingFile(dataDir.logDir());
            NodeIdentity identity = NodeIdentity.loadOrCreate(dataDir.identityFile());
            group = NettyEventLoops.newGroup(1, "chordia-node");
            NodeSockets sockets = openTransport(TransportConfig.defaults().withBindHost(host).withPort(settings.port()),
                    group, settings.protocol().wire());
            AdvertisedAddress advertised = AdvertisedAddress.chosen(advertise, sockets.transport().localAddress(),
                    LocalAddresses.guesses(bootstrap));
            daemon = new PeerDaemon(settings, dataDir, identity, group, sockets, store, advertised);
        } catch (RuntimeException | IOException e) {
            store.close();
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
        try {
            daemon.openControl();
            daemon.meet(bootstrap);
            daemon.join(bootstrap, SavedContacts.load(dataDir.contactsFile()));
            daemon.serve();
            return daemon;
        } catch (RuntimeException | IOException | InterruptedException e) {
            daemon.stopNow();
            throw e;
        }
    }

    /**
     * The node's transport: on our wire, UDP and TCP on the same port (large values travel over
     * TCP); on KRPC, UDP alone with one codec, which also sizes the guard's replies.
     */
    static NodeSockets openTransport(TransportConfig config, EventLoopGroup group, WireProfile wire) {
        try {
            if (wire != WireProfile.CHORDIA) {
                WireCodec codec = WireCodecs.forProfile(wire, config.maxDatagramBytes());
                NettyUdpTransport udp = NettyUdpTransport.start(config, group, codec);
                return new NodeSockets(udp, udp.scheduler(), WireCodecs.sizer(codec));
            }
            NettyPeerTransport peer = NettyPeerTransport.start(config, group);
            KryoWireCodec sizes = new KryoWireCodec(KryoWireCodec.MAX_FRAME_BYTES);
            return new NodeSockets(peer, peer.scheduler(), sizes::encodedSize);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new UserFacingException("port " + config.port() + " is in use on " + config.bindHost(),
                        "pick another with --port, or stop the program using it", e);
            }
            throw new UserFacingException("cannot bind to " + config.bindHost() + ": it is not an address of this machine",
                    "give one of this machine's addresses with --host", e);
        } catch (IOException e) {
            throw new UserFacingException("cannot open the node's socket: " + e.getMessage(),
                    "check --host and --port", e);
        }
    }

    private static MvStoreRecordStore openStore(DataDir dataDir) {
        try {
            return MvStoreRecordStore.open(dataDir.recordsFile(), System::nanoTime, System::currentTimeMillis);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("locked")) {
                throw new UserFacingException("another chordia node is using the data directory " + dataDir.root(),
                        "stop that node first, or give this one another --data-dir", e);
            }
            throw new UserFacingException("cannot open the record store " + dataDir.recordsFile() + ": " + e.getMessage(),
                    "move the file away to start with an empty store (the network still holds the replicas)", e);
        }
    }

    /**
     * Before joining: asks the bootstrap nodes where they see this node and which protocol they
     * speak; corrects a guessed address by what they agree on, and fails in one line when they
     * speak the other protocol. Then lets the peers' pongs correct a guess while the node runs.
     */
    private void meet(List<Address> bootstrap) throws InterruptedException {
        LOG.info("advertising {} ({}{})", advertised.address(), advertised.reason(),
                advertised.learnsFromPeers() ? "; peers may correct it" : "");
        List<Address> seeds = bootstrap.stream().filter(a -> !a.equals(self().address())).toList();
        if (!seeds.isEmpty()) {
            FirstContact answers = FirstContact.ask(node.rpc(), seeds);
            answers.checkProtocol(settings.protocol());
            Address agreed = answers.agreedAddress();
            advertised = advertised.correctedBy(agreed, agreed == null ? 0 : answers.seeingUsAt(agreed));
        }
        AdvertisedAddress chosen = advertised;
        onNodeThread(() -> {
            node.rpc().adoptAddress(chosen.address(), chosen.reason());
            if (chosen.learnsFromPeers()) {
                node.rpc().learnAddressFrom(ExternalAddressVotes.defaults());
            }
        });
    }

    private void onNodeThread(Runnable task) throws InterruptedException {
        try {
            await(CompletableFuture.runAsync(task, node.rpc().scheduler()), Duration.ofSeconds(5));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the node thread did not run a task", e);
        }
    }

    private void join(List<Address> bootstrap, List<Contact> saved) throws InterruptedException {
        List<Address> seeds = bootstrap.stream().filter(a -> !a.equals(self().address())).toList();
        List<Address> savedAddresses = saved.stream().filter(c -> !c.id().equals(self().id()))
                .map(Contact::address).distinct().toList();
        String failure = null;
        if (!seeds.isEmpty()) {
            failure = tryJoin(seeds);
            if (failure == null) {
                joinedVia = "bootstrap " + seeds.stream().map(Address::toString).reduce((a, b) -> a + ", " + b).orElseThrow();
                return;
            }
            if (!savedAddresses.isEmpty()) {
                LOG.warn("could not join through the bootstrap nodes {} ({}); trying the saved contacts", seeds, failure);
            }
        }
        if (!savedAddresses.isEmpty()) {
            String viaSaved = tryJoin(savedAddresses);
            if (viaSaved == null) {
                joinedVia = "saved contacts";
                return;
            }
            LOG.warn("could not rejoin through {} saved contacts: {}", savedAddresses.size(), viaSaved);
        }
        if (seeds.isEmpty()) {
            if (!savedAddresses.isEmpty()) {
                LOG.warn("none of the saved contacts answered: starting a new network");
            }
            String alone = tryJoin(List.of());
            if (alone != null) {
                throw new IllegalStateException("could not start a new network: " + alone);
            }
            joinedVia = "new network";
            return;
        }
        throw new UserFacingException("could not join: no bootstrap node answered at " + seeds
                + (savedAddresses.isEmpty() ? "" : " and none of " + savedAddresses.size() + " saved contacts did"),
                "check that a node runs there (UDP port) and is reachable, or leave out --bootstrap to start a new network");
    }

    /** Joins through {@code seeds}; returns null on success, else why not. */
    private String tryJoin(List<Address> seeds) throws InterruptedException {
        try {
            await(node.join(seeds), JOIN_TIMEOUT);
            return null;
        } catch (TimeoutException e) {
            return "timed out after " + JOIN_TIMEOUT.toSeconds() + " s";
        } catch (java.util.concurrent.ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        }
    }

    private void serve() throws IOException {
        storage.start();
        saveContacts();
        housekeeping.scheduleWithFixedDelay(this::saveContactsQuietly, SAVE_INTERVAL.toMillis(), SAVE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        NodeStory story = new NodeStory(this::leafSetQuietly, () -> NodeStory.StorageCounts.of(storage.stats()),
                org.apache.logging.log4j.LogManager.getLogger(NodeStory.class)::info);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                story.observe(System.nanoTime());
            } catch (RuntimeException e) {
                LOG.debug("could not tell the node's story: {}", e.toString()); // a failed task would stop repeating
            }
        }, 0, STORY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        startSharing();
        housekeeping.scheduleWithFixedDelay(() -> trafficHistory.sample(System.nanoTime(), trafficTotals()),
                TRAFFIC_SAMPLE_INTERVAL.toMillis(), TRAFFIC_SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (settings.metricsPort() >= 0) {
            metrics = measured().serve(settings.metricsHost(), settings.metricsPort());
        }
        serving = true;
        LOG.info("node {} ({}) serving on {}, joined via {}; control on 127.0.0.1:{}{}", identity.id().toHex(),
                settings.protocol().label(), self().address(), joinedVia, control.port(),
                metrics == null ? "" : ", metrics on http://" + settings.metricsHost() + ":" + metrics.port() + "/metrics");
    }

    /**
     * Serves the control channel (and the dashboard) from before the join: a node that is still
     * joining answers {@code status} (joined via "joining"); what needs the network or the transfer
     * server says the node is still joining ({@link #sharing()}).
     */
    private void openControl() throws IOException {
        ControlRegistry registry = new ControlRegistry();
        NodeCommands.registerAll(registry, this);
        SwarmCommands.registerAll(registry, this);
        ShareCommands.registerAll(registry, this);
        FetchCommands.registerAll(registry, this);
        String secret = HexFormat.of().formatHex(UnguessableRandom.bytes(32));
        control = ControlServer.start(registry, secret, 0);
        // Secret before port: a client that finds the port can always read the secret.
        DataDir.writeOwnerOnly(dataDir.controlSecretFile(), secret + "\n");
        DataDir.writeAtomically(dataDir.controlPortFile(), control.port() + "\n");
        dashboardLink = DashboardLink.of(control.port(), secret);
        ControlServer server = control;
        housekeeping.execute(() -> server.rehearse("status")); // beside the join, on the other core
    }

    /** This daemon, once it has joined and serves: what reads or writes the network waits for that. */
    PeerDaemon joined() {
        if (!serving) {
            throw stillJoining();
        }
        return this;
    }

    /** The transfer service, once the node has joined and serves files. */
    private ShareService sharing() {
        ShareService s = share;
        if (s == null) {
            throw stillJoining();
        }
        return s;
    }

    private static UserFacingException stillJoining() {
        return new UserFacingException("the node is still joining the network", "try again in a moment");
    }

    /**
     * Starts file sharing on the node's port number (on our wire, the DHT's own TCP listener, which
     * hands transfers over by their first bytes; on KRPC, which has no TCP, a listener at the UDP
     * port number), announced at the address the node advertises, and serves again in the
     * background what this node shared or fetched before a restart.
     */
    private void startSharing() throws IOException {
        ShareConfig config = ShareConfig.defaults();
        DhtPeerDirectory directory = new DhtPeerDirectory(storage, identity::signer, System::currentTimeMillis);
        if (sockets.transport() instanceof NettyPeerTransport peer) {
            share = ShareService.onPort(config, directory, peer.portProtocols(), () -> self().address());
        } else {
            share = ShareService.start(config.withBind(bindHost(), sockets.transport().localAddress().port()), directory,
                    () -> self().address().host());
        }
        BitTorrentServices.swarm(node).ifPresent(swarm -> share.announceInfoHashesWith((h, port) -> swarm.announce(h.id(), port)));
        shared.load();
        housekeeping.execute(() -> shared.entries().forEach((id, path) -> {
            LocalContent content = SharedContents.rehash(id, path, config.pieceSize());
            try {
                if (content == null) {
                    shared.remove(id);
                } else {
                    share.serve(content);
                    LOG.info("serving {} again ({})", path, id);
                }
            } catch (IOException e) {
                LOG.warn("cannot serve {} again: {}", path, e.getMessage());
            }
        }));
    }

    /** Hashes {@code path}, serves and announces it, and remembers it across restarts. */
    ShareService.Shared share(Path path) throws IOException {
        ShareService.Shared done = sharing().shareReporting(path);
        shared.add(done.content().id(), path);
        return done;
    }

    /** Fetches {@code link} into {@code outDir}; once complete it is served and remembered too. */
    FetchHandle fetch(Link link, Path outDir, ProgressListener progress) {
        return remembered(sharing().start(link, outDir, progress));
    }

    private FetchHandle remembered(FetchHandle fetch) {
        fetch.result().whenComplete((r, failure) -> {
            if (r != null) {
                try {
                    shared.add(r.content().id(), r.root());
                } catch (IOException e) {
                    LOG.warn("cannot record {} in {}: {}", r.root(), dataDir.sharesFile(), e.getMessage());
                }
            }
        });
        return fetch;
    }

    /** Fetches a torrent from BitTorrent peers into {@code outDir}; once complete it is served and remembered too. */
    FetchHandle fetchTorrent(io.chordia.app.share.bittorrent.TorrentInfo torrent, io.chordia.app.share.TorrentPeers peers,
                             Path outDir, ProgressListener progress) {
        return remembered(sharing().start(torrent, peers, outDir, progress));
    }

    /** A magnet link's info dictionary, from {@code peers}. */
    java.util.concurrent.CompletableFuture<io.chordia.app.share.bittorrent.TorrentInfo> torrentMetadata(
            io.chordia.app.share.bittorrent.InfoHash infoHash, java.util.List<Address> peers) {
        return sharing().torrentMetadata(infoHash, peers);
    }

    /** Where other peers (BitTorrent clients too) reach this node's transfer server. */
    Address shareAddress() {
        return sharing().address();
    }

    /** What this node serves now. */
    List<LocalContent> served() {
        ShareService s = share;
        return s == null ? List.of() : s.served();
    }

    /**
     * Stops serving and announcing {@code id}, withdraws its announcement (where it landed is the
     * future's) and forgets it across restarts; its files stay.
     */
    CompletableFuture<io.chordia.app.share.directory.Announcement> unshare(ContentId id) throws IOException {
        var withdrawal = sharing().unshare(id);
        shared.remove(id.toHex());
        return withdrawal;
    }

    /** How long an announcement of this node's lasts unless refreshed. */
    java.time.Duration announceTtl() {
        return sharing().config().announceTtl();
    }


    // ---------------------------------------------------------------- what the commands use

    public Contact self() {
        return node.self();
    }

    /** The interface the node's sockets are bound to (the wildcard unless --host named one). */
    String bindHost() {
        return sockets.transport().localAddress().host();
    }

    public NodeIdentity identity() {
        return identity;
    }

    public NodeSettings settings() {
        return settings;
    }

    public DataDir dataDir() {
        return dataDir;
    }

    public OverlayNode node() {
        return node;
    }

    /** What keeps the node from amplifying: its counters and verified set. */
    NodeGuard guard() {
        return guard;
    }

    public ReplicatedStorage storage() {
        return storage;
    }

    public String joinedVia() {
        return joinedVia;
    }

    /** The status, read on the node thread. */
    public NodeStatus status() throws Exception {
        OverlayView.Snapshot s = await(view.snapshot(), Duration.ofSeconds(5));
        var t = sockets.transport().stats();
        var rpc = node.rpc().stats();
        var st = storage.stats();
        NodeStatus.Traffic traffic = new NodeStatus.Traffic(t.sent(), t.received(), t.sentBytes(), t.receivedBytes(),
                t.droppedTotal(), rpc.callsStarted(), rpc.timeouts(), rpc.requestsServed(), st.putsOk(), st.putsFailed(),
                st.getsFound(), st.getsNotFound(), st.getsFailed(), st.repairStores());
        return new NodeStatus(identity.id().toHex(), settings.protocol().label(), self().address().toString(),
                Duration.ofNanos(System.nanoTime() - startNanos).toSeconds(), joinedVia, s.summary(),
                s.contacts().size(), s.leafSet().stream().map(PeerDaemon::describe).toList(), store.size(),
                store.valueBytes(), lastSaved.size(), traffic, guard.status(), NodeStatus.Shape.of(s.shape()),
                trafficHistory.lastHour(System.nanoTime(), trafficTotals()), node.networkSizeEstimate(),
                node.networkSizeLookups());
    }

    private TrafficHistory.Totals trafficTotals() {
        var t = sockets.transport().stats();
        return new TrafficHistory.Totals(t.received(), t.sent(), t.receivedBytes(), t.sentBytes());
    }

    /** The dashboard's login link (it holds the control secret), once the control channel serves. */
    public String dashboardLink() {
        return dashboardLink;
    }

    /** The daemon's metrics, made on first use (commands record into them even without a metrics port). */
    synchronized DaemonMetrics measured() {
        if (measured == null) {
            measured = DaemonMetrics.of(this, guard);
        }
        return measured;
    }

    /** Where {@code /metrics} is served, if it is. */
    public java.util.Optional<String> metricsUrl() {
        return metrics == null ? java.util.Optional.empty()
                : java.util.Optional.of("http://" + settings.metricsHost() + ":" + metrics.port() + "/metrics");
    }

    /** The port {@code /metrics} is served on, or -1 when the node serves none. */
    int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    String protocolLabel() {
        return settings.protocol().label();
    }

    double uptimeSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    io.chordia.core.transport.TransportStats transportStats() {
        return sockets.transport().stats();
    }

    /** File-sharing block bytes this node uploaded, 0 before sharing started. */
    long bytesServed() {
        ShareService s = share;
        return s == null ? 0 : s.stats().bytesServed();
    }

    static String describe(Contact c) {
        return c.id().shortId() + "@" + c.address();
    }

    // ---------------------------------------------------------------- contacts and shutdown

    /** The status read in the last 200 ms, or now: for the metrics and the story, not for a command. */
    NodeStatus recentStatus() {
        return recentStatus.get();
    }

    /** The leaf set as status shows it; null (and logged at debug) when the node thread did not answer. */
    private List<String> leafSetQuietly() {
        try {
            return recentStatus().leafSet();
        } catch (RuntimeException e) {
            LOG.debug("could not read the leaf set: {}", e.toString());
            return null;
        }
    }

    /**
     * Writes the routing contacts that answered this node to the data directory when they changed
     * since the last save.
     */
    void saveContacts() throws IOException {
        try {
            List<Contact> now = answered.onlyAnswered(await(view.snapshot(), Duration.ofSeconds(5)).contacts());
            if (!now.isEmpty() && !now.equals(lastSaved)) {
                SavedContacts.save(dataDir.contactsFile(), now);
                lastSaved = now;
            }
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.debug("could not read the contacts to save: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void saveContactsQuietly() {
        try {
            saveContacts();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save the contacts to {}: {}", dataDir.contactsFile(), e.toString());
        }
    }

    /**
     * Leaves gracefully: saves the contacts, hands the records held here to the other replicas,
     * tells the neighbours, then closes the store and sockets. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        int held = store.size();
        LOG.info("leaving the network: handing over the {} {} held here", held, held == 1 ? "record" : "records");
        housekeeping.shutdownNow();
        saveContactsQuietly();
        try {
            await(storage.leave(), LEAVE_TIMEOUT);
            LOG.info("left the network");
        } catch (Exception e) {
            LOG.warn("the graceful leave did not finish ({}); stopping anyway", e.toString());
        }
        stopNow();
    }

    private synchronized void stopNow() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        if (control != null) {
            control.close();
            try {
                Files.deleteIfExists(dataDir.controlPortFile());
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", dataDir.controlPortFile(), e.toString());
            }
        }
        if (metrics != null) {
            metrics.close();
        }
        if (share != null) {
            share.close();
        }
        storage.stop();
        node.stop();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        store.close();
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, java.util.concurrent.ExecutionException, TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw e;
        }
    }
}
