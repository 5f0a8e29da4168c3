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
     * {@code encode(envelope).length}, with the same exception, for counting bytes: a codec that
     * can size an envelope without writing it should, since the simulator sizes every datagram.
     */
    default int encodedLength(Envelope envelope) {
        return encode(envelope).length;
    }

    /**
     * Decodes {@code length} bytes at {@code offset}. {@code recipient} fills the envelope's
     * recipient, which the wire does not carry.
     */
    Envelope decode(byte[] data, int offset, int length, Address recipient) throws MalformedMessageException;

    /**
     * Decodes as {@link #decode(byte[], int, int, Address)} a datagram that came from {@code source}.
     * A wire that names the sender's address (ours) ignores {@code source}; one that does not (KRPC,
     * where a node is whatever address its datagrams come from) takes the sender's address from it.
     */
    default Envelope decode(byte[] data, int offset, int length, Address source, Address recipient)
            throws MalformedMessageException {
        return decode(data, offset, length, recipient);
    }
}
