package io.chordia.core.message;

import io.chordia.core.net.Address;

/**
 * What a wire profile says about an envelope beyond its message, for the layers above to act on:
 * KRPC's {@code ro} flag (BEP 43: the sender is read-only, keep it out of routing tables) and its
 * {@code ip} field (BEP 42: the address the responder saw the request come from, a vote for
 * {@link io.chordia.core.net.ExternalAddressVotes}). The Kryo profile carries neither.
 *
 * @param readOnly         the sender asked not to be added to routing tables
 * @param observedAddress  the recipient's address as the sender saw it, or {@code null} if not said
 */
public record EnvelopeHints(boolean readOnly, Address observedAddress) {
    public static final EnvelopeHints NONE = new EnvelopeHints(false, null);

    public boolean hasObservedAddress() {
        return observedAddress != null;
    }
}
