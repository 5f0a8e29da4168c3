package io.chordia.app.share.wire;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.bittorrent.BanList;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.fetch.FetchingSession;
import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerConnector;
import io.chordia.app.share.swarm.PeerLink;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.chordia.core.net.Address;
import io.chordia.core.util.Bytes;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The swarm's links to BitTorrent peers over TCP, for one torrent: each a {@link FetchingSession}
 * on the fetch's event loop (its node thread, as {@link NettyPeerConnector}'s links are). A
 * {@link PeerConnector.Purpose#MANIFEST} link fetches the info dictionary with ut_metadata, a
 * {@link PeerConnector.Purpose#DATA} link the pieces. A peer that broke the peer wire's rules is
 * banned by its address ({@code host:port}: peers of one test or one NAT share a host) and not
 * connected to again; a connection attempt to it counts as {@link DropReason#BANNED} and closes at once.
 */
public final class BitTorrentPeerConnector implements PeerConnector {
    private static final Logger LOG = LogManager.getLogger();
    /** BEP 3 peers drop a connection silent for two minutes: keep-alive well within it. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(90);
    /** A peer that sends nothing, not even a keep-alive, for this long is gone. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(150);
    /** A fetch's bans: for as long as any fetch runs, and bounded against a flood of hostile addresses. */
    public static final Duration BAN_TERM = Duration.ofHours(1);
    public static final int MAX_BANS = 10_000;

    private final EventLoop loop;
    private final Duration connectTimeout;
    private final InfoHash infoHash;
    private final Bytes peerId;
    private final int pieceCount;
    private final BanList bans;
    private final DropCounter drops;

    /** @param pieceCount the torrent's pieces, or -1 when only its metadata will be fetched */
    public BitTorrentPeerConnector(EventLoop loop, Duration connectTimeout, InfoHash infoHash, int pieceCount, BanList bans,
                                   DropCounter drops) {
        this.loop = loop;
        this.connectTimeout = connectTimeout;
        this.infoHash = infoHash;
        this.peerId = BitTorrentSeeding.newPeerId();
        this.pieceCount = pieceCount;
        this.bans = bans;
        this.drops = drops;
    }

    @Override
    public PeerLink connect(Address peer, ContentId content, Purpose purpose, PeerLinkEvents events) {
        FetchingSession.Mode mode = purpose == Purpose.MANIFEST ? FetchingSession.Mode.METADATA : FetchingSession.Mode.DATA;
        if (bans.isBanned(peer.toString())) {
            drops.dropped(DropReason.BANNED);
            post(events::onClosed);
            return Refused.INSTANCE;
        }
        BitTorrentFetcherHandler handler = new BitTorrentFetcherHandler(reason -> {
            LOG.info("banned BitTorrent peer {} for {}: {}", peer, infoHash, reason);
            bans.ban(peer.toString());
        });
        FetchingSession session = new FetchingSession(mode, infoHash, peerId, content.toBytes(),
                mode == FetchingSession.Mode.DATA ? pieceCount : -1, events, handler, drops);
        handler.session(session);
        ChannelFuture f = new Bootstrap()
                .group(loop)
                .channel(ShareChannels.socketType(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(4096, 64 * 1024, 256 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(READ_TIMEOUT.toSeconds(), KEEP_ALIVE.toSeconds(), 0,
                                TimeUnit.SECONDS), handler);
                    }
                })
                .connect(new InetSocketAddress(peer.host(), peer.port()));
        Channel ch = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("cannot connect to BitTorrent peer {}: {}", peer, done.cause() == null ? "?" : done.cause().toString());
            }
        });
        // A failed connect never fires channelInactive: make sure the swarm hears of the close.
        ch.closeFuture().addListener(x -> post(session::onClosed));
        return session;
    }

    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the service is shutting down: its fetches go with it
        }
    }

    /** The link of a banned peer: nothing to send, already closed. */
    private enum Refused implements PeerLink {
        INSTANCE;

        @Override
        public void requestBlock(int piece, int offset, int length) { }

        @Override
        public void cancel(int piece, int offset, int length) { }

        @Override
        public void interested(boolean yes) { }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    }
}
