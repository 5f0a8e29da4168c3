package io.chordia.transport;

import io.chordia.core.message.Envelope;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.transport.WireProfile;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.krpc.KrpcConfig;
import io.chordia.transport.krpc.KrpcSimulationSizer;
import io.chordia.transport.krpc.KrpcWireCodec;
import java.util.function.ToIntFunction;

/** The one place a {@link WireProfile} becomes a codec, for every composition root. */
public final class WireCodecs {
    private WireCodecs() {}

    /**
     * A new codec for {@code profile}, datagrams at most {@code maxDatagramBytes}. One per node and
     * confined to its thread: a KRPC codec remembers the peers' transaction ids it must echo, so
     * the instance that decoded a query must encode its reply.
     */
    public static WireCodec forProfile(WireProfile profile, int maxDatagramBytes) {
        return switch (profile) {
            case CHORDIA -> new KryoWireCodec(maxDatagramBytes);
            case KRPC -> new KrpcWireCodec(KrpcConfig.defaults().withMaxEncodedBytes(maxDatagramBytes));
        };
    }

    /**
     * A codec that only sizes envelopes as {@code profile}'s wire carries them between Chordia nodes,
     * with no state: the simulator's byte counts, where nothing is decoded.
     */
    public static WireCodec simulationSizer(WireProfile profile, int maxDatagramBytes) {
        return switch (profile) {
            case CHORDIA -> new KryoWireCodec(maxDatagramBytes);
            case KRPC -> new KrpcSimulationSizer(maxDatagramBytes);
        };
    }

    /**
     * An envelope's bytes on {@code codec}'s wire, for a guard's budgets; same thread as the codec.
     * An envelope the wire cannot carry (a Kryo-only request on KRPC, which a node's storage may
     * still send) counts 0 rather than throwing out of the guard's send: the encoder drops it, counted.
     */
    public static ToIntFunction<Envelope> sizer(WireCodec codec) {
        if (codec instanceof KryoWireCodec kryo) {
            return kryo::encodedSize; // sizes without the datagram limit: an oversize reply is the guard's to judge
        }
        return envelope -> {
            if (envelope.hints().receivedBytes() > 0) {
                return envelope.hints().receivedBytes(); // what the asker really sent, not our re-encoding
            }
            try {
                return codec.encodedLength(envelope);
            } catch (IllegalArgumentException e) {
                return 0;
            }
        };
    }
}
