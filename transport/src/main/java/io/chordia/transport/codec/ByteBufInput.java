package io.chordia.transport.codec;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferUnderflowException;
import io.netty.buffer.ByteBuf;

/**
 * A Kryo {@link Input} that reads a window of a Netty {@link ByteBuf} in place by absolute index,
 * leaving the buffer's indices alone. Like {@link ByteBufOutput} it implements only what the wire
 * serializers call; unlike Kryo's inputs it never refills or compacts: reading past the window
 * throws {@link KryoBufferUnderflowException} (the serializers check lengths before that).
 */
final class ByteBufInput extends Input {
    private ByteBuf buf;
    private int base;

    void setBuffer(ByteBuf source, int index, int length) {
        buf = source;
        base = index;
        position = 0;
        limit = length;
        capacity = length;
        total = 0;
    }

    void release() {
        buf = null;
    }

    @Override
    protected int require(int required) {
        int remaining = limit - position;
        if (remaining >= required) {
            return remaining;
        }
        throw new KryoBufferUnderflowException("Buffer underflow.");
    }

    @Override
    public byte readByte() {
        require(1);
        return buf.getByte(base + position++);
    }

    @Override
    public int readByteUnsigned() {
        require(1);
        return buf.getUnsignedByte(base + position++);
    }

    @Override
    public byte[] readBytes(int length) {
        byte[] bytes = new byte[length];
        readBytes(bytes, 0, length);
        return bytes;
    }

    @Override
    public void readBytes(byte[] bytes, int offset, int count) {
        require(count);
        buf.getBytes(base + position, bytes, offset, count);
        position += count;
    }

    @Override
    public short readShort() {
        require(2);
        short v = buf.getShortLE(base + position);
        position += 2;
        return v;
    }

    @Override
    public int readInt() {
        require(4);
        int v = buf.getIntLE(base + position);
        position += 4;
        return v;
    }

    @Override
    public long readLong() {
        require(8);
        long v = buf.getLongLE(base + position);
        position += 8;
        return v;
    }
}
