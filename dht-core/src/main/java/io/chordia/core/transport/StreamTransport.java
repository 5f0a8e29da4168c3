package io.chordia.core.transport;

import io.chordia.core.net.Address;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reliable, ordered, framed byte streams for bulk data (large values, file pieces), beside the
 * datagram {@link Transport}. Frames have a maximum length; a larger frame fails fast on send and
 * closes the channel on receive.
 */
public interface StreamTransport extends AutoCloseable {
    /** Opens a channel to {@code remote}; fails with an {@link java.io.IOException} if it cannot. */
    CompletableFuture<FrameChannel> connect(Address remote);

    /** Sets the handler for channels that peers open to us. */
    void onAccept(Consumer<FrameChannel> handler);

    /** The address this transport listens on. */
    Address localAddress();

    /** The largest frame, in bytes, this transport sends or accepts. */
    int maxFrameLength();

    @Override
    void close();
}
