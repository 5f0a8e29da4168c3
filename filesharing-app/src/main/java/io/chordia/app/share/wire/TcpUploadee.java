package io.chordia.app.share.wire;

import io.chordia.app.share.swarm.Choker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection that opened a partially served content, as its {@link Choker} sees it. The
 * choker calls {@link #choke}/{@link #unchoke} on its own thread; the connection's event loop
 * reads {@link #choked()} before serving a request and records what it sent.
 */
final class TcpUploadee implements Choker.Uploadee {
    private static final byte[] REASON = "choked".getBytes(StandardCharsets.UTF_8);

    private final Channel channel;
    private final String host;
    /** Choked until the choker says otherwise: a request may arrive before the choker has seen the connection. */
    private volatile boolean choked = true;
    private volatile boolean interested;
    private volatile long uploaded;

    TcpUploadee(Channel channel) {
        this.channel = channel;
        this.host = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public boolean interested() {
        return interested;
    }

    void interested(boolean value) {
        interested = value;
    }

    @Override
    public long uploadedBytes() {
        return uploaded;
    }

    /** On the connection's event loop, its only writer. */
    void sent(int bytes) {
        uploaded += bytes;
    }

    boolean choked() {
        return choked;
    }

    @Override
    public void choke() {
        choked = true;
        ByteBuf frame = channel.alloc().buffer(WireFormat.HEADER_BYTES + REASON.length);
        channel.writeAndFlush(frame.writeByte(WireFormat.CHOKE).writeInt(REASON.length).writeBytes(REASON), channel.voidPromise());
    }

    @Override
    public void unchoke() {
        choked = false;
        ByteBuf frame = channel.alloc().buffer(WireFormat.HEADER_BYTES);
        channel.writeAndFlush(frame.writeByte(WireFormat.UNCHOKE).writeInt(0), channel.voidPromise());
    }
}
