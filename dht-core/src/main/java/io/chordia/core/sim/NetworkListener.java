package io.chordia.core.sim;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;

/** Observes every datagram in the simulated network, for metrics and traces. Called on the loop thread. */
public interface NetworkListener {
    default void onSent(Envelope envelope, Address from, int bytes) {}

    default void onDelivered(Envelope envelope, Address from, int bytes) {}

    default void onDropped(Envelope envelope, Address from, DropReason reason) {}
}
