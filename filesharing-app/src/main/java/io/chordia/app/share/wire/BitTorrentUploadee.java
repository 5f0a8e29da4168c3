package io.chordia.app.share.wire;

import io.chordia.app.share.bittorrent.OfferedContent;
import io.chordia.app.share.bittorrent.PeerMessage;
import io.chordia.app.share.bittorrent.PeerWireEncoder;
import io.chordia.app.share.bittorrent.SeededTorrent;
import io.chordia.app.share.swarm.Choker;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One BitTorrent client's connection to a served content, as its {@link Choker} sees it: the
 * content's own choker for a content still being fetched (tit-for-tat by what the fetch downloaded
 * from each host, then rotation once complete), the BitTorrent side's seed choker for a complete
 * one (rotation). The choker calls {@link #choke}/{@link #unchoke} on its thread, which write
 * CHOKE/UNCHOKE to the socket themselves; the connection's event loop reads {@link #unchoked()}
 * before answering a request. HAVEs of pieces verified after {@link #open} are written by the
 * fetch's thread as it verifies them.
 */
final class BitTorrentUploadee implements OfferedContent, Choker.Uploadee {
    private static final byte[] CHOKE = PeerWireEncoder.encode(PeerMessage.State.CHOKE);
    private static final byte[] UNCHOKE = PeerWireEncoder.encode(PeerMessage.State.UNCHOKE);

    private final ServedContent content;
    private final Channel channel;
    private final Choker choker;
    private final Executor chokerThread;
    private final String host;
    /** Choked until the choker says otherwise: a request may arrive before the choker has seen the connection. */
    private volatile boolean choked = true;
    private volatile boolean interested;
    private volatile long uploaded;

    BitTorrentUploadee(ServedContent content, Channel channel, Choker choker, Executor chokerThread) {
        this.content = content;
        this.channel = channel;
        this.choker = choker;
        this.chokerThread = chokerThread;
        this.host = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }

    ServedContent content() {
        return content;
    }

    @Override
    public SeededTorrent torrent() {
        return content.torrent();
    }

    @Override
    public byte[] open() {
        byte[][] bits = new byte[1][];
        content.opened(channel, b -> bits[0] = b,
                piece -> channel.writeAndFlush(Unpooled.wrappedBuffer(PeerWireEncoder.encode(new PeerMessage.Have(piece))),
                        channel.voidPromise()));
        // After the bitfield is written (this runs in the session's handshake): the choker's first CHOKE follows it.
        chokerThread.execute(() -> choker.added(this));
        return bits[0];
    }

    @Override
    public boolean has(int piece) {
        return content.has(piece);
    }

    @Override
    public void interested(boolean yes) {
        if (interested != yes) {
            interested = yes;
            chokerThread.execute(() -> choker.interestChanged(this));
        }
    }

    @Override
    public boolean unchoked() {
        return !choked;
    }

    @Override
    public void served(int length) {
        uploaded += length; // the connection's event loop is the only writer
    }

    @Override
    public void closed() {
        content.closed(channel);
        try {
            chokerThread.execute(() -> choker.removed(this));
        } catch (RejectedExecutionException e) {
            // the choker's thread is gone, and the choker with it
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public boolean interested() {
        return interested;
    }

    @Override
    public long uploadedBytes() {
        return uploaded;
    }

    @Override
    public void choke() {
        choked = true;
        channel.writeAndFlush(Unpooled.wrappedBuffer(CHOKE), channel.voidPromise());
    }

    @Override
    public void unchoke() {
        choked = false;
        channel.writeAndFlush(Unpooled.wrappedBuffer(UNCHOKE), channel.voidPromise());
    }
}
