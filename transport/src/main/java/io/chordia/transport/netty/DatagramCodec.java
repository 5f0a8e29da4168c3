package io.chordia.transport.netty;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.transport.WireCodec;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.krpc.KrpcWireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * A node's {@link WireCodec} as the datagram pipeline uses it. Kryo reads and writes Netty buffers
 * in place; any other codec (KRPC) goes through a {@code byte[]}, a copy of at most one datagram
 * (KRPC's encoder reuses its own).
 * Confined to the channel's event loop, like the codec it wraps.
 */
interface DatagramCodec {
    /** Decodes a datagram from {@code source}; the sender's address comes from it when the wire does not carry one. */
    Envelope decode(ByteBuf content, Address source, Address recipient) throws MalformedMessageException;

    /** The encoded datagram; throws {@link IllegalArgumentException} if it would exceed the codec's maximum. */
    ByteBuf encode(Envelope envelope, ByteBufAllocator allocator);

    int encodedSize(Envelope envelope);

    int maxEncodedBytes();

    /** {@code codec} for the pipeline, datagrams longer than {@code maxEncodedBytes} refused before decoding. */
    static DatagramCodec of(WireCodec codec, int maxEncodedBytes) {
        if (codec instanceof KryoWireCodec kryo) {
            return new DatagramCodec() {
                @Override
                public Envelope decode(ByteBuf content, Address source, Address recipient) throws MalformedMessageException {
                    return kryo.decode(content, recipient);
                }

                @Override
                public ByteBuf encode(Envelope envelope, ByteBufAllocator allocator) {
                    return kryo.encode(envelope, allocator);
                }

                @Override
                public int encodedSize(Envelope envelope) {
                    return kryo.encodedSize(envelope);
                }

                @Override
                public int maxEncodedBytes() {
                    return kryo.maxEncodedBytes();
                }
            };
        }
        return new DatagramCodec() {
            @Override
            public Envelope decode(ByteBuf content, Address source, Address recipient) throws MalformedMessageException {
                byte[] bytes = ByteBufUtil.getBytes(content);
                return codec.decode(bytes, 0, bytes.length, source, recipient);
            }

            @Override
            public ByteBuf encode(Envelope envelope, ByteBufAllocator allocator) {
                if (codec instanceof KrpcWireCodec krpc) {
                    // Written once into the codec's buffer (perhaps already, to size it), copied once into the datagram.
                    return krpc.encode(envelope, (array, length) -> allocator.directBuffer(length, length).writeBytes(array, 0, length));
                }
                byte[] bytes = codec.encode(envelope);
                return allocator.directBuffer(bytes.length, bytes.length).writeBytes(bytes);
            }

            @Override
            public int encodedSize(Envelope envelope) {
                return codec.encodedLength(envelope);
            }

            @Override
            public int maxEncodedBytes() {
                return maxEncodedBytes;
            }
        };
    }
}
