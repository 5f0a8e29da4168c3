package io.chordia.sim.metrics;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.WireCodec;

/**
 * A datagram's bytes on the wire as Bamboo (Rhea et al., USENIX 2004) counts its maintenance
 * bandwidth, headers included: our encoded payload plus an IPv4 header (20 B, no options) and a
 * UDP header (8 B). It only sizes envelopes, for {@code SimNetwork.countBytesWith}.
 */
public final class IpUdpHeaderCharge implements WireCodec {
    public static final int HEADER_BYTES = 20 + 8;

    private final WireCodec payload;

    public IpUdpHeaderCharge(WireCodec payload) {
        this.payload = payload;
    }

    @Override
    public byte[] encode(Envelope envelope) {
        return new byte[encodedLength(envelope)];
    }

    @Override
    public int encodedLength(Envelope envelope) {
        return HEADER_BYTES + payload.encodedLength(envelope);
    }

    @Override
    public Envelope decode(byte[] data, int offset, int length, Address recipient) {
        throw new UnsupportedOperationException("the IP/UDP header charge sizes datagrams; it has no wire format");
    }
}
