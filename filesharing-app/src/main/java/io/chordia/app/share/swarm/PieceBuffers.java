package io.chordia.app.share.swarm;

import java.nio.ByteBuffer;

/**
 * Where downloaded pieces are assembled: the link copies each block straight from its input into
 * the piece's buffer, so the allocator is the owner's (pooled direct memory on real sockets, the
 * heap in the simulator).
 */
public interface PieceBuffers {
    PieceBuffer allocate(int length);

    /** One piece's buffer; released exactly once, after it was verified (or dropped). */
    interface PieceBuffer {
        /** A view of {@code length} bytes at {@code offset}, positioned at 0. */
        ByteBuffer slice(int offset, int length);

        void release();
    }

    /** Plain heap buffers: for the simulator and tests. */
    PieceBuffers HEAP = length -> {
        ByteBuffer all = ByteBuffer.allocate(length);
        return new PieceBuffer() {
            @Override
            public ByteBuffer slice(int offset, int n) {
                return all.slice(offset, n);
            }

            @Override
            public void release() {
                // the garbage collector takes it
            }
        };
    };
}
