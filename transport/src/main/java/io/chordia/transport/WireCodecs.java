package io.chordia.transport;

import io.chordia.core.transport.WireCodec;
import io.chordia.core.transport.WireProfile;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.krpc.KrpcConfig;
import io.chordia.transport.krpc.KrpcWireCodec;

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
}
