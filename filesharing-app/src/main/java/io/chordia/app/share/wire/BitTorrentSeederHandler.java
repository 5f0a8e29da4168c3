package io.chordia.app.share.wire;

import io.chordia.app.share.bittorrent.BanList;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.OfferedContent;
import io.chordia.app.share.bittorrent.PeerWireEncoder;
import io.chordia.app.share.bittorrent.SeedingOutput;
import io.chordia.app.share.bittorrent.SeedingSession;
import io.chordia.app.share.swarm.Choker;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The socket side of one {@link SeedingSession}: bytes in go to the session, and what it sends goes
 * out written during a read burst and flushed at its end; blocks leave as a 13-byte header plus
 * file regions (sendfile), as {@link SeederHandler}'s do, with the same backpressure (reading stops
 * while the socket's output is full).
 */
final class BitTorrentSeederHandler extends ByteToMessageDecoder implements SeedingOutput {
    private final ContentCatalog catalog;
    private final WireStats stats;
    private final BanList bans;
    private final Choker seedChoker;
    private final Executor seedChokerThread;
    private final SeedingSession session;
    private ChannelHandlerContext ctx;
    private ServedContent served;

    BitTorrentSeederHandler(ContentCatalog catalog, Choker seedChoker, Executor seedChokerThread, WireStats stats, BanList bans,
                            Bytes peerId) {
        this.catalog = catalog;
        this.seedChoker = seedChoker;
        this.seedChokerThread = seedChokerThread;
        this.stats = stats;
        this.bans = bans;
        this.session = new SeedingSession(this::find, peerId, stats, this);
    }

    /** A content still being fetched has its own choker (shared with our own protocol's fetchers); complete ones share the seed choker. */
    private OfferedContent find(InfoHash infoHash) {
        ServedContent c = catalog.byInfoHash(infoHash);
        if (c == null) {
            return null;
        }
        served = c;
        return c.partial() ? new BitTorrentUploadee(c, ctx.channel(), c.choker(), c.chokerThread())
                : new BitTorrentUploadee(c, ctx.channel(), seedChoker, seedChokerThread);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) throws Exception {
        this.ctx = context;
        if (bans.isBanned(host())) {
            stats.dropped(DropReason.BANNED);
            context.close();
        }
        super.handlerAdded(context);
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
        if (session.closed()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        ByteBuffer view = in.nioBuffer(in.readerIndex(), in.readableBytes());
        session.onBytes(view);
        in.skipBytes(view.position());
    }

    @Override
    public void send(byte[] message) {
        ctx.write(Unpooled.wrappedBuffer(message));
    }

    @Override
    public void sendBlock(int piece, int begin, int length) {
        ctx.write(Unpooled.wrappedBuffer(PeerWireEncoder.pieceHeader(piece, begin, length)));
        ServedContent c = served;
        long at = c.content().manifest().pieceOffset(piece) + begin;
        c.layout().forEachSegment(at, length, (file, position, rangeOffset, n) -> ctx.write(c.region(file, position, n)));
        stats.served(length);
        if (!c.complete()) {
            stats.servedWhilePartial(length);
        }
    }

    @Override
    public void close(DropReason reason, boolean ban) {
        if (ban) {
            bans.ban(host());
        }
        ctx.flush();
        ctx.close();
    }

    private String host() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) throws Exception {
        context.flush();
        if (!context.channel().isWritable()) {
            context.channel().config().setAutoRead(false);
        }
        super.channelReadComplete(context);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        if (context.channel().isWritable()) {
            context.channel().config().setAutoRead(true);
        }
        super.channelWritabilityChanged(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        session.onClosed();
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close(); // a reset by the peer or a file closed under an upload
    }
}
