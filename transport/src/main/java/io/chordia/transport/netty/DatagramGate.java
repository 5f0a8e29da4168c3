package io.chordia.transport.netty;

import java.net.InetSocketAddress;

/**
 * Decides whether an inbound datagram is decoded at all: the hook for rate limits that must cost
 * less than decoding. Policy lives with the caller; the transport only counts what is refused as
 * {@code RATE_LIMITED}.
 *
 * <p>Threading: called on the channel's event loop (the node thread), one datagram at a time; it
 * must not block.
 */
@FunctionalInterface
public interface DatagramGate {
    /** Admits everything; the transport adds no handler for it. */
    DatagramGate OPEN = (sender, bytes) -> true;

    /**
     * @param sender where the datagram came from
     * @param bytes  its payload length
     * @return true to decode and deliver it, false to drop it
     */
    boolean admit(InetSocketAddress sender, int bytes);
}
