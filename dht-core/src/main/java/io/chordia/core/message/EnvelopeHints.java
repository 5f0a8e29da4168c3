package io.chordia.core.message;

import io.chordia.core.net.Address;

/**
 * What a wire profile says about an envelope beyond its message, for the layers above to act on:
 * KRPC's {@code ro} flag (BEP 43: the sender is read-only, keep it out of routing tables) and its
 * {@code ip} field (BEP 42: the address the responder saw the request come from, a vote for
 * {@link io.chordia.core.net.ExternalAddressVotes}), and that a KRPC error names no sender id.
 * The Kryo profile carries none of them.
 *
 * @param readOnly         the sender asked not to be added to routing tables
 * @param observedAddress  the recipient's address as the sender saw it, or {@code null} if not said
 * @param anonymous        the sender's id is not on the wire (the envelope's is a placeholder): the
 *                         message may fail a call, but vouches for no contact
 */
public record EnvelopeHints(boolean readOnly, Address observedAddress, boolean anonymous) {
    public static final EnvelopeHints NONE = new EnvelopeHints(false, null, false);
    public static final EnvelopeHints ANONYMOUS = new EnvelopeHints(false, null, true);

    public boolean hasObservedAddress() {
        return observedAddress != null;
    }
}
