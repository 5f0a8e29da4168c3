package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.util.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Length-prefixed framing, limits and close reporting of one stream, on an EmbeddedChannel. */
class FramePipelineTest {
    private static final int MAX = 64;

    private final TransportStats stats = new TransportStats();
    private final TransportConfig config = TransportConfig.loopback().withMaxFrameBytes(MAX);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final NettyFrameChannel frames = new NettyFrameChannel(channel, MAX, config.idleTimeout(), stats);
    private final List<Bytes> received = new ArrayList<>();
    private final AtomicReference<Object> closedWith = new AtomicReference<>();

    FramePipelineTest() {
        NettyTcpStreamTransport.initPipeline(channel.pipeline(), frames, config);
        frames.onFrame(received::add);
        frames.onClose(cause -> closedWith.set(cause == null ? "clean" : cause));
    }

    private static ByteBuf prefixed(int declaredLength, byte[] payload) {
        return Unpooled.buffer().writeInt(declaredLength).writeBytes(payload);
    }

    @Test
    void splitsAStreamIntoFramesWhateverTheSegmentBoundaries() {
        ByteBuf stream = Unpooled.buffer()
                .writeInt(3).writeBytes(new byte[] {1, 2, 3})
                .writeInt(0)
                .writeInt(MAX).writeBytes(new byte[MAX]);
        while (stream.isReadable()) {
            channel.writeInbound(stream.readRetainedSlice(Math.min(5, stream.readableBytes())));
        }
        stream.release();

        assertThat(received).containsExactly(Bytes.copyOf(new byte[] {1, 2, 3}), Bytes.EMPTY, Bytes.copyOf(new byte[MAX]));
        assertThat(stats.received()).isEqualTo(3);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void sendPrefixesTheLengthAndCompletesWhenWritten() {
        CompletableFuture<Void> sent = frames.send(Bytes.ofUtf8("hello"));

        ByteBuf out = channel.readOutbound();
        ByteBuf all = Unpooled.wrappedBuffer(out, channel.readOutbound());
        assertThat(ByteBufUtil.getBytes(all)).containsExactly(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o');
        all.release();
        assertThat(sent).isCompleted();
        assertThat(stats.sent()).isEqualTo(1);
    }

    @Test
    void anOutboundFrameOverTheMaximumFailsAtOnceAndWritesNothing() {
        CompletableFuture<Void> sent = frames.send(Bytes.copyOf(new byte[MAX + 1]));

        assertThat(sent).isCompletedExceptionally();
        assertThat(sent.handle((v, e) -> e).join()).isInstanceOf(IllegalArgumentException.class);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(stats.dropped(DropReason.OVERSIZE)).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void anInboundFrameOverTheMaximumClosesTheChannelOnItsLengthAlone() {
        channel.writeInbound(Unpooled.buffer().writeInt(MAX + 1));

        assertThat(channel.isOpen()).isFalse();
        assertThat(received).isEmpty();
        assertThat(stats.dropped(DropReason.OVERSIZE)).isEqualTo(1);
        assertThat(closedWith.get()).isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void theLengthIsUnsignedSoAllOnesClaims4GiBAndIsOversize() {
        channel.writeInbound(prefixed(-1, new byte[8]));

        assertThat(channel.isOpen()).isFalse();
        assertThat(stats.dropped(DropReason.OVERSIZE)).isEqualTo(1);
    }

    @Test
    void aFrameHandlerThatThrowsClosesTheChannelWithItsException() {
        IllegalStateException bug = new IllegalStateException("app bug");
        frames.onFrame(b -> {
            throw bug;
        });

        channel.writeInbound(prefixed(1, new byte[] {7}));

        assertThat(channel.isOpen()).isFalse();
        assertThat(closedWith.get()).isSameAs(bug);
    }

    @Test
    void aLocalCloseIsReportedCleanOnceAndLaterSendsFail() {
        frames.close();
        frames.close();

        assertThat(closedWith.get()).isEqualTo("clean");
        assertThat(frames.isOpen()).isFalse();
        assertThat(frames.send(Bytes.ofUtf8("late")).handle((v, e) -> e).join()).isInstanceOf(IOException.class);
    }

    @Test
    void aCloseHandlerSetAfterTheCloseIsStillCalled() {
        frames.close();
        AtomicReference<Object> late = new AtomicReference<>();

        frames.onClose(cause -> late.set(cause == null ? "clean" : cause));
        channel.runPendingTasks();

        assertThat(late.get()).isEqualTo("clean");
    }
}
