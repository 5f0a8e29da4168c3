package io.chordia.app.share.wire;

import io.chordia.app.share.swarm.PieceBuffers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;

/** Piece buffers from Netty's pooled direct memory: blocks are copied into them straight from the socket's buffers. */
public final class PooledPieceBuffers implements PieceBuffers {
    public static final PooledPieceBuffers INSTANCE = new PooledPieceBuffers();

    private PooledPieceBuffers() {}

    @Override
    public PieceBuffer allocate(int length) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
        return new PieceBuffer() {
            @Override
            public ByteBuffer slice(int offset, int n) {
                return buf.nioBuffer(offset, n);
            }

            @Override
            public void release() {
                buf.release();
            }
        };
    }
}
