package io.chordia.core.transport;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;

/**
 * Unreliable datagram delivery of envelopes: the whole SPI the RPC layer stands on. Implemented
 * by the in-memory network and by Netty UDP; {@code TransportContractTest} holds both to the
 * same behaviour.
 *
 * <p>Threading: {@link #send} is called on the node thread; the inbound handler is called on
 * the node thread. Nothing here blocks. Failures are never thrown at the caller: an envelope
 * that cannot be sent (too large, channel closed, destination unreachable) is dropped and
 * counted in {@link #stats()}.
 */
public interface Transport extends AutoCloseable {
    /** Sends {@code envelope} to {@code envelope.recipient()}, best effort. */
    void send(Envelope envelope);

    /** Sets the handler for inbound envelopes, replacing any earlier one. */
    void onReceive(InboundHandler handler);

    /** The address this transport receives on. */
    Address localAddress();

    /** Live counters of traffic and drops. */
    TransportStats stats();

    /** Stops sending and receiving; idempotent. */
    @Override
    void close();
}
