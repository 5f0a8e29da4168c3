package io.chordia.app.share.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.bittorrent.Handshake;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.PeerMessage;
import io.chordia.app.share.bittorrent.PeerWireEncoder;
import io.chordia.app.share.bittorrent.fetch.FetchingSession;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.chordia.core.util.Bytes;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The socket side of a BitTorrent fetch: block bytes leave the channel's buffer as they arrive, so
 * a long stream of pieces keeps at most a message header accumulated (memory flat), and a peer
 * that breaks the rules is closed and banned.
 */
class BitTorrentFetcherHandlerTest {
    static final InfoHash HASH = InfoHash.of("d4:name1:xe".getBytes(StandardCharsets.US_ASCII));
    static final Bytes PEER = Bytes.wrapOwned("-LT2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    final List<DropReason> bans = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final BitTorrentFetcherHandler handler = new BitTorrentFetcherHandler(bans::add);
    long blockBytes;

    EmbeddedChannel channel() {
        PeerLinkEvents recorder = new PeerLinkEvents() {
            final ByteBuffer target = ByteBuffer.allocate(16 * 1024);

            @Override
            public void onManifest(byte[] contentId, byte[] encodedManifest) { }

            @Override
            public void onUnknownContent() { }

            @Override
            public void onBitfield(byte[] contentId, byte[] bits) {
                events.add("bitfield");
            }

            @Override
            public void onHave(int piece) { }

            @Override
            public void onChoke(String reason) { }

            @Override
            public void onUnchoke() { }

            @Override
            public void onRequestLimit(int requests) { }

            @Override
            public ByteBuffer onBlockStart(int piece, int offset, int length) {
                return target.clear().slice(0, length);
            }

            @Override
            public void onBlockDone(int piece, int offset, int length) {
                blockBytes += length;
            }

            @Override
            public void onReadComplete() { }

            @Override
            public void onMalformed(DropReason reason) {
                events.add("malformed " + reason);
            }

            @Override
            public void onClosed() {
                events.add("closed");
            }
        };
        handler.session(new FetchingSession(FetchingSession.Mode.DATA, HASH, PEER, new byte[20], 1000, recorder, handler,
                r -> { }));
        return new EmbeddedChannel(handler);
    }

    @Test
    void aLongStreamOfBlocksKeepsNothingButAPartialHeaderBuffered() {
        EmbeddedChannel ch = channel();
        assertThat(ByteBufs.bytes(ch.readOutbound())).startsWith(Handshake.PSTRLEN);
        ch.writeInbound(Unpooled.wrappedBuffer(new Handshake(false, HASH, PEER).encode()));
        byte[] piece = PeerWireEncoder.encode(new PeerMessage.Piece(3, 0, Bytes.wrapOwned(new byte[16 * 1024])));
        int maxBuffered = 0;
        for (int i = 0; i < 500; i++) {
            for (int at = 0; at < piece.length; at += 1400) { // a TCP segment at a time
                ch.writeInbound(Unpooled.wrappedBuffer(piece, at, Math.min(1400, piece.length - at)));
                maxBuffered = Math.max(maxBuffered, handler.bufferedBytes());
            }
        }

        assertThat(blockBytes).isEqualTo(500L * 16 * 1024);
        assertThat(maxBuffered).isLessThan(PeerWireEncoder.PIECE_HEADER_BYTES);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void aPeerThatBreaksTheRulesIsClosedAndBanned() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(new Handshake(false, HASH, PEER).encode()));
        ch.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.allocate(5).putInt(1 << 30).put(PeerMessage.PIECE).array()));

        assertThat(ch.isOpen()).isFalse();
        assertThat(bans).containsExactly(DropReason.BAD_LENGTH);
        assertThat(events).containsExactly("malformed BAD_LENGTH", "closed");
    }

    /** Reads an outbound buffer's bytes. */
    private static final class ByteBufs {
        static byte[] bytes(Object msg) {
            io.netty.buffer.ByteBuf b = (io.netty.buffer.ByteBuf) msg;
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            b.release();
            return out;
        }
    }
}
