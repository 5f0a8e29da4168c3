package io.chordia.sim.scenario;

import io.chordia.core.transport.WireCodec;
import io.chordia.core.transport.WireProfile;
import io.chordia.sim.metrics.IpUdpHeaderCharge;
import io.chordia.sim.metrics.LiCostModel;
import io.chordia.transport.WireCodecs;
import io.chordia.transport.codec.KryoWireCodec;
import java.util.Locale;

/** How the simulator charges a datagram's bytes: {@code --cost-model}. */
public enum CostModel {
    /** The encoded payload (our wire format, no IP/UDP headers). */
    ENCODED("encoded payload (the protocol's wire: Kryo, or KRPC for mainline), no IP/UDP headers"),
    /** Li et al. (INFOCOM 2005): 20 bytes per message plus 4 per node carried. */
    LI("Li et al.: 20 B per message + 4 B per node id carried"),
    /** Bamboo's (Rhea et al., USENIX 2004) bytes on the wire: the encoded payload plus 28 B of IPv4 and UDP headers. */
    HEADERS("encoded payload + 28 B of IPv4 and UDP headers per datagram");

    private final String description;

    CostModel(String description) {
        this.description = description;
    }

    /** The name {@code --cost-model} takes and the summary prints. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** Charges datagrams of {@code wire} ({@code --protocol mainline}: KRPC's bencoded sizes). */
    WireCodec sizer(WireProfile wire) {
        return switch (this) {
            case LI -> new LiCostModel();
            case HEADERS -> new IpUdpHeaderCharge(WireCodecs.simulationSizer(wire, KryoWireCodec.MAX_DATAGRAM_BYTES));
            case ENCODED -> WireCodecs.simulationSizer(wire, KryoWireCodec.MAX_DATAGRAM_BYTES);
        };
    }
}
