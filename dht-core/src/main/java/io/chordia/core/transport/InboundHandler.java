package io.chordia.core.transport;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;

/** Receives decoded, valid envelopes on the node thread. */
@FunctionalInterface
public interface InboundHandler {
    /**
     * @param envelope the envelope, already validated by decoding
     * @param source   where the datagram came from, as the network saw it (replies go here)
     */
    void onEnvelope(Envelope envelope, Address source);
}
