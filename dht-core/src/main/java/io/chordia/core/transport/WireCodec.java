package io.chordia.core.transport;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;

/**
 * Envelope to bytes and back. Decoding is validation: it either returns a valid envelope or
 * throws {@link MalformedMessageException}, never anything else, whatever the input, and never
 * allocates more than the input's length justifies.
 */
public interface WireCodec {
    /** The encoded datagram; throws {@link IllegalArgumentException} if it would exceed the codec's maximum. */
    byte[] encode(Envelope envelope);

    /**
     * Decodes {@code length} bytes at {@code offset}. {@code recipient} fills the envelope's
     * recipient, which the wire does not carry.
     */
    Envelope decode(byte[] data, int offset, int length, Address recipient) throws MalformedMessageException;
}
