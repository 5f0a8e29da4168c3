package io.chordia.core.message;

import io.chordia.core.net.Address;
import io.chordia.core.util.Checks;

/**
 * What a wire profile says about an envelope beyond its message, for the layers above to act on:
 * KRPC's {@code ro} flag (BEP 43: the sender is read-only, keep it out of routing tables) and its
 * {@code ip} field (BEP 42: the address the responder saw the request come from, a vote for
 * {@link io.chordia.core.net.ExternalAddressVotes}), that a KRPC error names no sender id, and how
 * long the datagram was. On the way out, {@code minimal} asks the wire for its shortest form.
 * The Kryo profile carries none of them.
 *
 * @param readOnly         the sender asked not to be added to routing tables
 * @param observedAddress  the recipient's address as the sender saw it, or {@code null} if not said
 * @param anonymous        the sender's id is not on the wire (the envelope's is a placeholder): the
 *                         message may fail a call, but vouches for no contact
 * @param receivedBytes    the length of the datagram it was decoded from, 0 when the decoder did not
 *                         say (the guard budgets an unverified asker by what it really sent, which a
 *                         re-encoding with our own transaction id and version overstates)
 * @param minimal          outbound: leave out what the wire can do without (KRPC's {@code v} and
 *                         {@code ip}), for an address we may send only as many bytes as it sent us
 */
public record EnvelopeHints(boolean readOnly, Address observedAddress, boolean anonymous, int receivedBytes,
                            boolean minimal) {
    public static final EnvelopeHints NONE = new EnvelopeHints(false, null, false);
    public static final EnvelopeHints ANONYMOUS = new EnvelopeHints(false, null, true);
    public static final EnvelopeHints MINIMAL = new EnvelopeHints(false, null, false, 0, true);

    public EnvelopeHints {
        Checks.check(receivedBytes >= 0, "receivedBytes %s < 0", receivedBytes);
    }

    public EnvelopeHints(boolean readOnly, Address observedAddress, boolean anonymous) {
        this(readOnly, observedAddress, anonymous, 0, false);
    }

    public boolean hasObservedAddress() {
        return observedAddress != null;
    }
}
