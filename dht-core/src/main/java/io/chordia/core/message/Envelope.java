package io.chordia.core.message;

import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;

/**
 * A message in transit: the transaction id that pairs a response with its request, the sender
 * as it presents itself, and the address it is sent to. On the wire the recipient is implied by
 * where the datagram arrives; a decoder fills it in with the local address. {@code hints} are what
 * a wire profile says besides the message (KRPC's read-only flag and observed address); envelopes
 * built by nodes carry {@link EnvelopeHints#NONE}.
 */
public record Envelope(long txId, Contact sender, Address recipient, Message body, EnvelopeHints hints) {
    public Envelope {
        Checks.notNull(sender, "sender");
        Checks.notNull(recipient, "recipient");
        Checks.notNull(body, "body");
        Checks.notNull(hints, "hints");
    }

    public Envelope(long txId, Contact sender, Address recipient, Message body) {
        this(txId, sender, recipient, body, EnvelopeHints.NONE);
    }

    public boolean isRequest() {
        return body instanceof Request<?>;
    }

    @Override
    public String toString() {
        return body.getClass().getSimpleName() + "#" + Long.toHexString(txId) + " " + sender + " -> " + recipient;
    }
}
