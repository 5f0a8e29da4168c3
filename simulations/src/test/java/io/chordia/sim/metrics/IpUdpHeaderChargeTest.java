package io.chordia.sim.metrics;

import static io.chordia.core.testing.TestIds.address;
import static io.chordia.core.testing.TestIds.contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.transport.codec.KryoWireCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpUdpHeaderChargeTest {
    @Test
    void aDatagramCostsItsEncodedPayloadPlusTwentyEightBytesOfHeaders() {
        KryoWireCodec kryo = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
        IpUdpHeaderCharge charge = new IpUdpHeaderCharge(kryo);
        for (Envelope e : List.of(new Envelope(7, contact(1), address(2), new Ping()),
                new Envelope(8, contact(1), address(2), new Nodes(List.of(contact(3), contact(4)))))) {
            assertThat(charge.encodedLength(e)).isEqualTo(kryo.encode(e).length + 28);
            assertThat(charge.encode(e)).hasSize(kryo.encode(e).length + 28);
        }
    }
}
