package io.chordia.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins the exact bytes of every message type, both ways, on both codec paths. */
class WireGoldenTest {
    private final KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);

    static Stream<Class<? extends Message>> messageTypes() {
        return WireRegistry.messageIds().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void encodesToTheGoldenBytes(Class<? extends Message> type) {
        byte[] golden = WireFixtures.golden(type);
        Envelope envelope = WireFixtures.envelope(type);

        assertThat(HexFormat.of().formatHex(codec.encode(envelope))).isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(codec.encodedSize(envelope)).isEqualTo(golden.length);
        ByteBuf direct = codec.encode(envelope, PooledByteBufAllocator.DEFAULT);
        try {
            assertThat(direct.isDirect()).isTrue();
            assertThat(ByteBufUtil.getBytes(direct)).isEqualTo(golden);
        } finally {
            direct.release();
        }
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void decodesTheGoldenBytes(Class<? extends Message> type) throws Exception {
        byte[] golden = WireFixtures.golden(type);

        assertThat(codec.decode(golden, 0, golden.length, WireFixtures.RECIPIENT)).isEqualTo(WireFixtures.envelope(type));
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(golden.length + 7);
        try {
            direct.writeZero(3).readerIndex(3);
            direct.writeBytes(golden);
            assertThat(codec.decode(direct, WireFixtures.RECIPIENT)).isEqualTo(WireFixtures.envelope(type));
            assertThat(direct.readerIndex()).isEqualTo(3);
        } finally {
            direct.release();
        }
        ByteBuf heapSlice = Unpooled.wrappedBuffer(new byte[5], golden).copy().slice(5, golden.length);
        assertThat(codec.decode(heapSlice, WireFixtures.RECIPIENT)).isEqualTo(WireFixtures.envelope(type));
    }
}
