package io.chordia.app.share.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetcherHandlerTest {
    /** Records events; blocks land in one buffer. */
    private static final class Recorder implements PeerLinkEvents {
        final List<String> events = new ArrayList<>();
        final ByteBuffer target = ByteBuffer.allocate(WireFormat.BLOCK_SIZE);

        @Override
        public void onManifest(byte[] contentId, byte[] encodedManifest) {
            events.add("manifest " + encodedManifest.length);
        }

        @Override
        public void onUnknownContent() {
            events.add("unknown");
        }

        @Override
        public void onBitfield(byte[] contentId, byte[] bits) {
            events.add("bitfield " + bits.length);
        }

        @Override
        public void onChoke(String reason) {
            events.add("choke " + reason);
        }

        @Override
        public void onHave(int piece) {
            events.add("have " + piece);
        }

        @Override
        public void onRequestLimit(int requests) {
            events.add("limit " + requests);
        }

        @Override
        public void onUnchoke() {
            events.add("unchoke");
        }

        @Override
        public ByteBuffer onBlockStart(int piece, int offset, int length) {
            events.add("start " + piece + "/" + offset + "/" + length);
            return target.clear().limit(length).slice();
        }

        @Override
        public void onBlockDone(int piece, int offset, int length) {
            events.add("done " + piece + "/" + offset);
        }

        @Override
        public void onReadComplete() {
        }

        @Override
        public void onMalformed(DropReason reason) {
            events.add("malformed " + reason);
        }

        @Override
        public void onClosed() {
            events.add("closed");
        }
    }

    @Test
    void framesSplitAtAnyByteAreReassembledAndBlocksCopiedOnce() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new FetcherHandler(r));
        ByteBuf all = Unpooled.buffer();
        all.writeByte(WireFormat.BITFIELD).writeInt(22).writeBytes(new byte[22]);
        all.writeByte(WireFormat.BLOCK).writeInt(8 + 1000).writeInt(5).writeInt(16384);
        for (int i = 0; i < 1000; i++) {
            all.writeByte(i);
        }
        all.writeByte(WireFormat.CHOKE).writeInt(4).writeBytes("busy".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(Math.min(7, all.readableBytes())));
        }
        all.release();
        assertThat(r.events).containsExactly("bitfield 2", "start 5/16384/1000", "done 5/16384", "choke busy");
        assertThat(r.target.get(999)).isEqualTo((byte) 999);
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizeOrUnknownFrameClosesTheConnection() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new FetcherHandler(r));
        ch.writeInbound(Unpooled.buffer().writeByte(WireFormat.BLOCK).writeInt(8 + WireFormat.BLOCK_SIZE + 1));
        assertThat(r.events).containsExactly("malformed BAD_LENGTH", "closed");
        assertThat(ch.isActive()).isFalse();

        Recorder r2 = new Recorder();
        EmbeddedChannel ch2 = new EmbeddedChannel(new FetcherHandler(r2));
        ch2.writeInbound(Unpooled.buffer().writeByte(0x42).writeInt(0));
        assertThat(r2.events).containsExactly("malformed UNKNOWN_TYPE", "closed");
    }

    @Test
    void haveAndUnchokeFromAPartialSeederArriveAndAHaveOfTheWrongLengthClosesTheConnection() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new FetcherHandler(r));
        ByteBuf all = Unpooled.buffer();
        all.writeByte(WireFormat.UNCHOKE).writeInt(0);
        all.writeByte(WireFormat.HAVE).writeInt(4).writeInt(70_000);
        all.writeByte(WireFormat.UNCHOKE).writeInt(0);
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        }
        all.release();
        assertThat(r.events).containsExactly("unchoke", "have 70000", "unchoke");

        Recorder r2 = new Recorder();
        EmbeddedChannel ch2 = new EmbeddedChannel(new FetcherHandler(r2));
        ch2.writeInbound(Unpooled.buffer().writeByte(WireFormat.HAVE).writeInt(3).writeBytes(new byte[3]));
        assertThat(r2.events).containsExactly("malformed BAD_LENGTH", "closed");
        assertThat(ch2.isActive()).isFalse();
    }
}
