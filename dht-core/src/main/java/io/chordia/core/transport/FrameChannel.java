package io.chordia.core.transport;

import io.chordia.core.net.Address;
import io.chordia.core.util.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One framed stream to a peer. Handlers run on the channel's I/O thread, one at a time, in frame
 * order.
 */
public interface FrameChannel extends AutoCloseable {
    Address remoteAddress();

    /**
     * Queues {@code frame}; the future completes when it was written, or fails, at once with an
     * {@link IllegalArgumentException} if the frame exceeds the maximum, or with an
     * {@link java.io.IOException} if the channel closed.
     */
    CompletableFuture<Void> send(Bytes frame);

    /** Sets the handler for inbound frames. */
    void onFrame(Consumer<Bytes> handler);

    /** Sets the handler called once when the channel closes: {@code null} for a clean close, else the cause. */
    void onClose(Consumer<Throwable> handler);

    boolean isOpen();

    @Override
    void close();
}
