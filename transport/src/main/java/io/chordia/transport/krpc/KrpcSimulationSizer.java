package io.chordia.transport.krpc;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.WireCodec;
import io.chordia.transport.codec.KryoWireCodec;

/**
 * Sizes envelopes as KRPC carries them between Chordia nodes, for the simulator's byte counts
 * ({@code chordia sim --protocol mainline}): replies echo our 9-byte transaction ids, and a message
 * with no KRPC form (our own storage requests, which a mainline daemon does not send) is sized as
 * Kryo would carry it. It only sizes: it has no decoder and keeps no state.
 */
public final class KrpcSimulationSizer implements WireCodec {
    private final KrpcWireCodec krpc;
    private final KryoWireCodec kryo;

    public KrpcSimulationSizer(int maxDatagramBytes) {
        this.krpc = new KrpcWireCodec(KrpcConfig.defaults().withMaxEncodedBytes(maxDatagramBytes));
        this.kryo = new KryoWireCodec(maxDatagramBytes);
    }

    @Override
    public byte[] encode(Envelope envelope) {
        return new byte[encodedLength(envelope)];
    }

    @Override
    public int encodedLength(Envelope envelope) {
        try {
            return krpc.encodedLengthBetweenOurNodes(envelope);
        } catch (IllegalArgumentException noKrpcForm) {
            return kryo.encodedSize(envelope);
        }
    }

    @Override
    public Envelope decode(byte[] data, int offset, int length, Address recipient) {
        throw new UnsupportedOperationException("the KRPC simulation sizer sizes datagrams; it decodes nothing");
    }
}
