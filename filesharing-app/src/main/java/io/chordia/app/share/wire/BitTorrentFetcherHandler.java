package io.chordia.app.share.wire;

import io.chordia.app.share.bittorrent.fetch.FetchingSession;
import io.chordia.app.share.swarm.DropReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The socket side of one {@link FetchingSession}: bytes in go to the session (which copies block
 * bytes straight out of the socket's buffer, so what accumulates here is at most one small
 * message), what it sends is written and flushed when it says. An idle writer sends a keep-alive,
 * an idle reader is closed (the {@code IdleStateHandler} before this one says when).
 */
final class BitTorrentFetcherHandler extends ByteToMessageDecoder implements FetchingSession.Output {
    private final Consumer<DropReason> onBan;
    private FetchingSession session;
    private ChannelHandlerContext ctx;

    BitTorrentFetcherHandler(Consumer<DropReason> onBan) {
        this.onBan = onBan;
    }

    /** Set before the channel is registered. */
    void session(FetchingSession value) {
        this.session = value;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        session.start();
        super.channelActive(context);
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
        ByteBuffer view = in.nioBuffer(in.readerIndex(), in.readableBytes());
        session.onBytes(view);
        in.skipBytes(view.position());
    }

    /** Bytes received and not yet consumed by the session: at most one small message, whatever the peer sends. */
    int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) throws Exception {
        session.onReadComplete();
        context.flush();
        super.channelReadComplete(context);
    }

    @Override
    public void send(byte[] message) {
        ctx.write(Unpooled.wrappedBuffer(message), ctx.voidPromise());
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public void close(DropReason reason, boolean ban) {
        if (ban) {
            onBan.accept(reason);
        }
        ctx.flush();
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                session.keepAlive();
            } else {
                context.close(); // nothing from the peer for the reader timeout: it is gone or stuck
            }
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        session.onClosed();
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close(); // a reset by the peer
    }
}
