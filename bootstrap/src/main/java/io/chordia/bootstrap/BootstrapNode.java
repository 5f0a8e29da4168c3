package io.chordia.bootstrap;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Address;
import io.chordia.core.net.AdvertisedAddress;
import io.chordia.core.net.Contact;
import io.chordia.core.net.ExternalAddressVotes;
import io.chordia.core.random.UnguessableRandom;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.time.Cancellable;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.util.Checks;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.Protocol;
import io.chordia.routing.overlay.NodeBounds;
import io.chordia.routing.overlay.OverlayFactory;
import io.chordia.routing.overlay.OverlayView;
import io.chordia.transport.WireCodecs;
import io.chordia.transport.guard.GuardedTransport;
import io.chordia.transport.guard.SourceProber;
import io.chordia.transport.guard.VerifiedPeers;
import io.chordia.transport.net.LocalAddresses;
import io.chordia.transport.netty.EventLoopScheduler;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A public bootstrap node: a real Chord or Kademlia peer on its own UDP socket and event loop,
 * behind a {@link SourceRateLimiter} (before decoding) and a {@link GuardedTransport} (verified
 * contacts only, no amplification), with bounded tables, no storage and no recursive routing.
 *
 * <p>Threading: {@link #start} and {@link #close} from any thread but the node's; the getters
 * from any thread.
 */
public final class BootstrapNode implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    private static final Duration SNAPSHOT_PERIOD = Duration.ofMillis(500);
    private static final int RECEIVE_BUFFER_BYTES = 8 << 20;

    /** Sizes of the node-thread tables, copied out periodically for readers on other threads. */
    public record TableSizes(int routingTable, int pendingCalls, long takenAtNanos) {}

    private final EventLoopGroup group;
    private final NettyUdpTransport udp;
    private final SourceRateLimiter limiter;
    private final VerifiedPeers verified;
    private final GuardedTransport guarded;
    private final Protocol protocol;
    private final BootstrapLimits limits;
    private final long startedNanos = System.nanoTime();
    private OverlayNode node;
    private OverlayView view;
    private SourceProber prober;
    private Cancellable snapshots = Cancellable.NONE;
    private volatile TableSizes sizes = new TableSizes(0, 0, System.nanoTime());
    private volatile boolean closed;

    private BootstrapNode(EventLoopGroup group, NettyUdpTransport udp, SourceRateLimiter limiter,
                          VerifiedPeers verified, GuardedTransport guarded, Protocol protocol,
                          BootstrapLimits limits) {
        this.group = group;
        this.udp = udp;
        this.limiter = limiter;
        this.verified = verified;
        this.guarded = guarded;
        this.protocol = protocol;
        this.limits = limits;
    }

    /**
     * Binds the socket and starts the node alone (it is the network's first contact).
     *
     * @throws java.net.BindException if the port is in use (the message says which)
     * @throws IOException            if the socket cannot be bound for another reason
     */
    public static BootstrapNode start(TransportConfig transport, Protocol protocol, NodeId id,
                                      BootstrapLimits limits) throws IOException {
        return start(transport, protocol, id, limits, null);
    }

    /**
     * {@link #start(TransportConfig, Protocol, NodeId, BootstrapLimits)} giving peers
     * {@code advertise} (an IP literal) as its address; {@code null} works it out
     * ({@link AdvertisedAddress}): the bound address if it is one, else this machine's first
     * non-loopback address, corrected by what three peers on distinct addresses see.
     */
    public static BootstrapNode start(TransportConfig transport, Protocol protocol, NodeId id,
                                      BootstrapLimits limits, Address advertise) throws IOException {
        Checks.notNull(transport, "transport");
        Checks.notNull(protocol, "protocol");
        Checks.notNull(id, "id");
        Checks.notNull(limits, "limits");
        EventLoopGroup group = NettyEventLoops.newGroup(1, "chordia-bootstrap");
        try {
            VerifiedPeers verified = new VerifiedPeers(limits.maxVerifiedPeers());
            SourceRateLimiter limiter = new SourceRateLimiter(limits, System::nanoTime, verified::isVerifiedSource);
            // A deep receive queue rides out bursts (the kernel clamps it to net.core.rmem_max).
            // One codec, confined to the node's loop: it decodes, encodes and sizes the guard's replies.
            WireCodec codec = WireCodecs.forProfile(protocol.wire(), transport.maxDatagramBytes());
            NettyUdpTransport udp = NettyUdpTransport.start(
                    transport.withSocketBuffers(Math.max(transport.receiveBufferBytes(), RECEIVE_BUFFER_BYTES),
                            transport.sendBufferBytes()), group, limiter, codec);
            AdvertisedAddress advertised = AdvertisedAddress.chosen(advertise, udp.localAddress(),
                    LocalAddresses.guesses(List.of()));
            // The guard uses our contact for our id and to size a ping; the address's length is all that matters there.
            GuardedTransport guarded = new GuardedTransport(udp, new Contact(id, advertised.address()), verified,
                    WireCodecs.sizer(codec), limits.guard());
            BootstrapNode bootstrap = new BootstrapNode(group, udp, limiter, verified, guarded, protocol, limits);
            // Built on the node thread: the socket is already receiving, and node state is confined to it.
            udp.scheduler().eventLoop().submit(() -> bootstrap.assemble(id, advertised)).get(10, TimeUnit.SECONDS);
            bootstrap.node.join(List.of()).get(10, TimeUnit.SECONDS);
            LOG.info("bootstrap node {} ({}) serving on {}, advertising {} ({}{})", id.shortId(), protocol,
                    udp.localAddress(), advertised.address(), advertised.reason(),
                    advertised.learnsFromPeers() ? "; peers may correct it" : "");
            return bootstrap;
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("interrupted while starting the bootstrap node", e);
        } catch (ExecutionException | TimeoutException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("the bootstrap node did not start", e);
        }
    }

    private void assemble(NodeId id, AdvertisedAddress advertised) {
        Contact self = new Contact(id, advertised.address());
        EventLoopScheduler scheduler = udp.scheduler();
        SecureRandom random = UnguessableRandom.create();
        OverlayFactory<?> overlay = protocol.overlay();
        node = overlay.newNode(self, guarded, scheduler, random,
                new NodeBounds(limits.k(), limits.maxPendingCalls()));
        view = overlay.view(node);
        overlay.refuseRecursiveLookups(node, "a bootstrap node answers iterative lookups only");
        RpcEndpoint rpc = node.rpc();
        rpc.register(StoreRecord.class, (request, ctx) -> {
            throw new RequestRefusedException(ErrorCode.QUOTA_EXCEEDED, "a bootstrap node stores no records");
        });
        rpc.register(FetchRecord.class, (request, ctx) -> {
            throw new RequestRefusedException(ErrorCode.UNSUPPORTED, "a bootstrap node stores no records");
        });
        if (advertised.learnsFromPeers()) {
            // It binds the wildcard and knows no peer at start: the pongs of the peers it verifies tell it.
            rpc.learnAddressFrom(ExternalAddressVotes.defaults());
        }
        prober = new SourceProber(rpc, guarded, scheduler.clock(), limits.guard());
        guarded.onUnverifiedRequest(prober::probe);
        guarded.onWithheldContact(prober::probe);
        snapshots = scheduler.scheduleAtFixedRate(Duration.ZERO, SNAPSHOT_PERIOD, () -> takeSnapshot(rpc));
    }

    private void takeSnapshot(RpcEndpoint rpc) {
        sizes = new TableSizes(view.tableSize(), rpc.pendingCalls(), System.nanoTime());
    }

    public Contact self() {
        return node.self();
    }

    /** The address the socket is bound to (the wildcard by default); {@link #self()} has the one peers are given. */
    public Address address() {
        return udp.localAddress();
    }

    public Protocol protocol() {
        return protocol;
    }

    public BootstrapLimits limits() {
        return limits;
    }

    public TransportStats transportStats() {
        return udp.stats();
    }

    public io.chordia.core.rpc.RpcStats rpcStats() {
        return node.rpc().stats();
    }

    /** The latest copy of the node-thread tables' sizes; healthy nodes refresh it twice a second. */
    public TableSizes tableSizes() {
        return sizes;
    }

    public long uptimeNanos() {
        return System.nanoTime() - startedNanos;
    }

    /** True while the socket is open and the node thread keeps taking its snapshots. */
    public boolean healthy() {
        return !closed && System.nanoTime() - sizes.takenAtNanos() < 10 * SNAPSHOT_PERIOD.toNanos();
    }

    public int trackedSources() {
        return limiter.trackedSources();
    }

    public long admitted() {
        return limiter.admitted();
    }

    public long limitedPerSource() {
        return limiter.limitedPerSource();
    }

    public long limitedGlobally() {
        return limiter.limitedGlobally();
    }

    public long sourceEvictions() {
        return limiter.evictions();
    }

    public long untrackedDatagrams() {
        return limiter.untrackedDatagrams();
    }

    public int verifiedPeers() {
        return verified.size();
    }

    public int pendingReplyBudgets() {
        return guarded.pendingReplyBudgets();
    }

    public int outstandingRequests() {
        return guarded.outstandingRequests();
    }

    public long contactsWithheld() {
        return guarded.contactsWithheld();
    }

    public long repliesTrimmed() {
        return guarded.repliesTrimmed();
    }

    public long repliesRefused() {
        return guarded.repliesRefused();
    }

    public long requestsWithheld() {
        return guarded.requestsWithheld();
    }

    /** The amplification guard, for its counters. */
    public io.chordia.transport.guard.GuardedTransport guard() {
        return guarded;
    }

    public long probesSent() {
        return prober.probesSent();
    }

    /** Stops the node, closes the socket and the event loop; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            udp.scheduler().eventLoop().submit(() -> {
                snapshots.cancel();
                node.stop();
            }).await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        udp.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("bootstrap node {} stopped", node.self().id().shortId());
    }
}
