package io.chordia.core.rpc;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;

/**
 * What a request handler knows about the request besides its body.
 *
 * @param envelope the request's envelope
 * @param source   where the datagram came from, as the network saw it
 */
public record RequestContext(Envelope envelope, Address source) {
    public Contact sender() {
        return envelope.sender();
    }
}
