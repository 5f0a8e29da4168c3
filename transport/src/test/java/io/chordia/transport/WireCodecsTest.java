package io.chordia.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.transport.WireProfile;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.krpc.KrpcWireCodec;
import org.junit.jupiter.api.Test;

class WireCodecsTest {
    private static final Contact SELF = new Contact(NodeId.sha1Of("self"), new Address("127.0.0.1", 7000));
    private static final Address PEER = new Address("127.0.0.1", 7001);

    @Test
    void eachProfileHasItsCodecAndANewOneEachTime() {
        assertThat(WireCodecs.forProfile(WireProfile.CHORDIA, 1232)).isInstanceOf(KryoWireCodec.class);
        assertThat(WireCodecs.forProfile(WireProfile.KRPC, 1232)).isInstanceOf(KrpcWireCodec.class)
                .isNotSameAs(WireCodecs.forProfile(WireProfile.KRPC, 1232));
    }

    @Test
    void theKrpcSizerCountsWhatTheWireCarriesAndZeroForWhatItCannot() {
        WireCodec krpc = WireCodecs.forProfile(WireProfile.KRPC, 1232);
        Envelope ping = new Envelope(1, SELF, PEER, new Ping());
        Envelope kryoOnly = new Envelope(2, SELF, PEER, new GetNeighbors());

        assertThat(WireCodecs.sizer(krpc).applyAsInt(ping)).isEqualTo(krpc.encode(ping).length);
        assertThatThrownBy(() -> krpc.encodedLength(kryoOnly)).isInstanceOf(IllegalArgumentException.class);
        assertThat(WireCodecs.sizer(krpc).applyAsInt(kryoOnly)).isZero();
    }

    @Test
    void theKryoSizerIsKryosOwnSize() {
        KryoWireCodec kryo = new KryoWireCodec(1232);
        Envelope ping = new Envelope(1, SELF, PEER, new Ping());

        assertThat(WireCodecs.sizer(kryo).applyAsInt(ping)).isEqualTo(kryo.encodedSize(ping));
    }
}
