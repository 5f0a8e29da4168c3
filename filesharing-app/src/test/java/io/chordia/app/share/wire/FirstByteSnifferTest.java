package io.chordia.app.share.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.bittorrent.Handshake;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.PeerMessage;
import io.chordia.app.share.bittorrent.PeerWireEncoder;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.util.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One share port, two protocols ({@link ShareProtocol#frames}, {@link ShareProtocol#bitTorrent}): the first byte says which handler a connection gets. */
class FirstByteSnifferTest {
    @TempDir
    Path dir;

    private final ContentCatalog catalog = new ContentCatalog();
    private final WireStats stats = new WireStats();
    private final UploadSlots slots = new UploadSlots(2);
    private final VirtualScheduler loop = new VirtualScheduler();
    private BitTorrentSeeding bitTorrent;
    private LocalContent content;

    @BeforeEach
    void share() throws Exception {
        content = new Sharer(16 * 1024).share(SampleFiles.random(dir.resolve("f.bin"), 40_000, 1));
        catalog.add(new ServedContent(content));
        bitTorrent = new BitTorrentSeeding(catalog, loop.newNodeScheduler("seed-choker"), new SplittableRandom(1), stats);
    }

    @AfterEach
    void close() {
        catalog.closeAll();
    }

    /** A connection given the handler of whichever share protocol recognises its first byte, as the port's sniffer does. */
    private EmbeddedChannel channel() {
        ShareProtocol ours = ShareProtocol.frames(null, catalog, slots, stats, java.time.Duration.ofMinutes(1));
        ShareProtocol theirs = ShareProtocol.bitTorrent(null, bitTorrent, java.time.Duration.ofMinutes(1));
        return new EmbeddedChannel(new io.netty.handler.codec.ByteToMessageDecoder() {
            @Override
            protected void decode(io.netty.channel.ChannelHandlerContext ctx, ByteBuf in, java.util.List<Object> out) {
                boolean bt = theirs.recognize(in) == io.chordia.transport.netty.PortProtocol.Verdict.YES;
                assertThat(ours.recognize(in)).as("the prefaces are disjoint").isNotEqualTo(
                        bt ? io.chordia.transport.netty.PortProtocol.Verdict.YES : io.chordia.transport.netty.PortProtocol.Verdict.NO);
                ctx.pipeline().replace(this, null, bt ? theirs.handler() : ours.handler());
            }
        });
    }

    @Test
    void aBitTorrentHandshakeGetsTheSeedingSessionAndABlockLeavesAsAFileRegion() {
        EmbeddedChannel ch = channel();
        InfoHash h = TorrentInfo.of(content.manifest()).infoHash();
        byte[] hello = new Handshake(false, h, Bytes.ofUtf8("-LT2080-abcdefghijkl")).encode();
        // The handshake's first byte alone, then the rest: the sniffer decides on one byte and hands both on.
        ch.writeInbound(Unpooled.wrappedBuffer(hello, 0, 1));
        ch.writeInbound(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(hello, 1, hello.length - 1),
                Unpooled.wrappedBuffer(PeerWireEncoder.encode(PeerMessage.State.INTERESTED))));
        loop.advance(Duration.ZERO); // the seed choker sees the connection and its interest: a slot is free
        ch.writeInbound(Unpooled.wrappedBuffer(PeerWireEncoder.encode(new PeerMessage.Request(2, 0, 7_232))));

        ByteBuf handshake = ch.readOutbound();
        assertThat(handshake.readableBytes()).isEqualTo(Handshake.LENGTH);
        assertThat(handshake.getByte(0)).isEqualTo(Handshake.PSTRLEN);
        handshake.release();
        ((ByteBuf) ch.readOutbound()).release(); // bitfield
        ((ByteBuf) ch.readOutbound()).release(); // choke: every connection starts choked
        ((ByteBuf) ch.readOutbound()).release(); // unchoke
        ByteBuf header = ch.readOutbound();
        assertThat(header.readInt()).isEqualTo(9 + 7_232);
        assertThat(header.readByte()).isEqualTo(PeerMessage.PIECE);
        header.release();
        FileRegion region = ch.readOutbound();
        assertThat(region.position()).isEqualTo(32_768);
        assertThat(region.count()).isEqualTo(7_232);
        region.release();
        assertThat(stats.bytesServed()).isEqualTo(7_232);
        ch.finishAndReleaseAll();
    }

    @Test
    void ourOwnFramesStillReachTheSeederHandler() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.buffer().writeByte(WireFormat.OPEN).writeInt(20).writeBytes(content.id().toBytes()));
        ByteBuf bitfield = ch.readOutbound();
        assertThat(bitfield.readByte()).isEqualTo(WireFormat.BITFIELD);
        bitfield.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aPeerThatBreaksTheRulesIsBannedAndItsNextConnectionRefused() {
        EmbeddedChannel hostile = channel();
        InfoHash h = TorrentInfo.of(content.manifest()).infoHash();
        hostile.writeInbound(Unpooled.wrappedBuffer(new Handshake(true, h, Bytes.ofUtf8("-XX0000-abcdefghijkl")).encode(),
                new byte[] {(byte) 0x80, 0, 0, 0, PeerMessage.PIECE}));
        assertThat(hostile.isActive()).isFalse();
        assertThat(stats.drops(DropReason.BAD_LENGTH)).isEqualTo(1);
        hostile.finishAndReleaseAll();

        EmbeddedChannel again = channel(); // the embedded channel's address is the same every time
        again.writeInbound(Unpooled.wrappedBuffer(new Handshake(true, h, Bytes.ofUtf8("-XX0000-abcdefghijkl")).encode()));
        assertThat(again.isActive()).isFalse();
        assertThat(stats.drops(DropReason.BANNED)).isEqualTo(1);
        again.finishAndReleaseAll();
    }
}
