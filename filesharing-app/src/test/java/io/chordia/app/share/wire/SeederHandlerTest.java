package io.chordia.app.share.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.swarm.DropReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeederHandlerTest {
    @TempDir
    Path dir;

    private final ContentCatalog catalog = new ContentCatalog();
    private final WireStats stats = new WireStats();
    private LocalContent content;

    @BeforeEach
    void share() throws Exception {
        content = new Sharer(16 * 1024).share(SampleFiles.random(dir.resolve("f.bin"), 40_000, 1));
        catalog.add(new ServedContent(content));
    }

    @AfterEach
    void close() {
        catalog.closeAll();
    }

    private EmbeddedChannel channel(int slots) {
        return new EmbeddedChannel(new SeederHandler(catalog, new UploadSlots(slots), stats));
    }

    private static ByteBuf frame(byte type, byte[] body) {
        return Unpooled.buffer().writeByte(type).writeInt(body.length).writeBytes(body);
    }

    private static ByteBuf request(int piece, int offset, int length) {
        return Unpooled.buffer().writeByte(WireFormat.REQUEST).writeInt(12).writeInt(piece).writeInt(offset).writeInt(length);
    }

    @Test
    void aRequestAfterOpenIsAnsweredWithAHeaderAndAFileRegion() {
        EmbeddedChannel ch = channel(1);
        ch.writeInbound(frame(WireFormat.OPEN, content.id().toBytes()), request(2, 0, 40_000 - 32_768));
        ByteBuf bitfield = ch.readOutbound();
        assertThat(bitfield.readByte()).isEqualTo(WireFormat.BITFIELD);
        assertThat(bitfield.readInt()).isEqualTo(21);
        bitfield.skipBytes(20);
        assertThat(bitfield.readByte() & 0xFF).isEqualTo(0b1110_0000);
        bitfield.release();
        ByteBuf header = ch.readOutbound();
        assertThat(header.readByte()).isEqualTo(WireFormat.BLOCK);
        assertThat(header.readInt()).isEqualTo(8 + 7232);
        assertThat(header.readInt()).isEqualTo(2);
        assertThat(header.readInt()).isZero();
        header.release();
        FileRegion region = ch.readOutbound();
        assertThat(region.count()).isEqualTo(7232);
        assertThat(region.position()).isEqualTo(32_768);
        region.release();
        assertThat(stats.blocksServed()).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void badInputIsCountedAndTheConnectionDropped() {
        EmbeddedChannel outOfRange = channel(1);
        outOfRange.writeInbound(frame(WireFormat.OPEN, content.id().toBytes()), request(3, 0, 100));
        assertThat(outOfRange.isActive()).isFalse();
        assertThat(stats.drops(DropReason.BAD_REQUEST)).isEqualTo(1);
        outOfRange.finishAndReleaseAll();

        EmbeddedChannel tooLong = channel(1);
        tooLong.writeInbound(frame(WireFormat.OPEN, content.id().toBytes()), request(0, 0, WireFormat.BLOCK_SIZE + 1));
        assertThat(stats.drops(DropReason.BAD_REQUEST)).isEqualTo(2);
        tooLong.finishAndReleaseAll();

        EmbeddedChannel beforeOpen = channel(1);
        beforeOpen.writeInbound(request(0, 0, 100));
        assertThat(beforeOpen.isActive()).isFalse();
        assertThat(stats.drops(DropReason.OUT_OF_ORDER)).isEqualTo(1);
        beforeOpen.finishAndReleaseAll();

        EmbeddedChannel unknownType = channel(1);
        unknownType.writeInbound(frame((byte) 0x7f, new byte[3]));
        assertThat(unknownType.isActive()).isFalse();
        assertThat(stats.drops(DropReason.UNKNOWN_TYPE)).isEqualTo(1);
        unknownType.finishAndReleaseAll();

        EmbeddedChannel hugeLength = channel(1);
        hugeLength.writeInbound(Unpooled.buffer().writeByte(WireFormat.OPEN).writeInt(Integer.MAX_VALUE));
        assertThat(hugeLength.isActive()).isFalse();
        assertThat(stats.drops(DropReason.BAD_LENGTH)).isEqualTo(1);
        hugeLength.finishAndReleaseAll();
    }

    @Test
    void anUnknownContentIsAnsweredAsSuch() {
        EmbeddedChannel ch = channel(1);
        byte[] other = new byte[20];
        ch.writeInbound(frame(WireFormat.GET_MANIFEST, other));
        ByteBuf reply = ch.readOutbound();
        assertThat(reply.readByte()).isEqualTo(WireFormat.UNKNOWN);
        reply.release();
        assertThat(stats.drops(DropReason.UNKNOWN_CONTENT)).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void pastTheUploadLimitAPeerIsChokedWithAReason() {
        UploadSlots slots = new UploadSlots(1);
        EmbeddedChannel first = new EmbeddedChannel(new SeederHandler(catalog, slots, stats));
        first.writeInbound(frame(WireFormat.OPEN, content.id().toBytes()));
        EmbeddedChannel second = new EmbeddedChannel(new SeederHandler(catalog, slots, stats));
        second.writeInbound(frame(WireFormat.OPEN, content.id().toBytes()));
        ByteBuf choke = second.readOutbound();
        assertThat(choke.readByte()).isEqualTo(WireFormat.CHOKE);
        byte[] reason = new byte[choke.readInt()];
        choke.readBytes(reason);
        choke.release();
        assertThat(new String(reason, StandardCharsets.UTF_8)).isEqualTo("all 1 upload slots are busy: try again later");
        assertThat(second.isActive()).isFalse();
        assertThat(stats.drops(DropReason.CHOKED)).isEqualTo(1);
        first.close();
        assertThat(slots.inUse()).isZero();
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }
}
