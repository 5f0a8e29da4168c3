package io.chordia.app.share.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tells a share connection's protocol by its first byte and replaces itself with that protocol's
 * handler (the bytes read so far are handed on): BitTorrent's handshake, else our own frames.
 */
final class FirstByteSniffer extends ByteToMessageDecoder {
    private final BitTorrentSeeding bitTorrent;
    private final Supplier<ChannelHandler> ours;

    FirstByteSniffer(BitTorrentSeeding bitTorrent, Supplier<ChannelHandler> ours) {
        this.bitTorrent = bitTorrent;
        this.ours = ours;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        ChannelHandler next = BitTorrentSeeding.matches(in) ? bitTorrent.handler() : ours.get();
        ctx.pipeline().replace(this, null, next);
    }
}
