package io.chordia.transport.codec;

import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import io.netty.buffer.ByteBuf;

/**
 * A Kryo {@link Output} that writes straight into a Netty {@link ByteBuf} by absolute index: no
 * intermediate array and no {@code java.nio.ByteBuffer} view (creating one per datagram showed up
 * in profiles). It implements only what the wire serializers call (bytes and little-endian
 * fixed-width numbers, as Kryo's own outputs write them); the rest of {@link Output} is unused and
 * would fail on the absent array. It never grows the buffer: running out of room throws
 * {@link KryoBufferOverflowException}.
 */
final class ByteBufOutput extends Output {
    private ByteBuf buf;
    private int base;

    /** Writes from {@code buf}'s writer index up to its capacity. */
    void setBuffer(ByteBuf target) {
        buf = target;
        base = target.writerIndex();
        position = 0;
        capacity = target.capacity() - base;
        maxCapacity = capacity;
        total = 0;
    }

    /** Moves the buffer's writer index past what was written, and lets go of the buffer. */
    void finish() {
        buf.writerIndex(base + position);
        buf = null;
    }

    @Override
    protected boolean require(int required) {
        if (capacity - position >= required) {
            return false;
        }
        throw new KryoBufferOverflowException("Buffer overflow: " + required + " more bytes, room for " + (capacity - position));
    }

    @Override
    public void writeByte(byte value) {
        require(1);
        buf.setByte(base + position++, value);
    }

    @Override
    public void writeByte(int value) {
        require(1);
        buf.setByte(base + position++, value);
    }

    @Override
    public void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int count) {
        require(count);
        buf.setBytes(base + position, bytes, offset, count);
        position += count;
    }

    @Override
    public void writeShort(int value) {
        require(2);
        buf.setShortLE(base + position, value);
        position += 2;
    }

    @Override
    public void writeInt(int value) {
        require(4);
        buf.setIntLE(base + position, value);
        position += 4;
    }

    @Override
    public void writeLong(long value) {
        require(8);
        buf.setLongLE(base + position, value);
        position += 8;
    }
}
