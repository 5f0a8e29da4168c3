package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFixtures.ABCD;
import static io.chordia.transport.krpc.KrpcFixtures.LOCAL;
import static io.chordia.transport.krpc.KrpcFixtures.MNOP;
import static io.chordia.transport.krpc.KrpcFixtures.ascii;
import static io.chordia.transport.krpc.KrpcFixtures.decode;
import static io.chordia.transport.krpc.KrpcFixtures.latin1;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.WireCodecs;
import org.junit.jupiter.api.Test;

/**
 * What the guard needs from KRPC to keep an unverified asker at one byte back per byte sent: a
 * decoded query says how long its datagram was (which the guard's sizer reports instead of our
 * longer re-encoding), and the minimal form of a pong (no {@code v}, no {@code ip}) is shorter than
 * libtorrent's ping, while the full form is longer.
 */
class KrpcMinimalFormTest {
    private static final Address PEER = new Address("198.51.100.7", 6881);
    /** libtorrent's ping: a 2-byte transaction id and no version, 56 bytes. */
    private static final String LIBTORRENT_PING = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe";

    private final KrpcWireCodec codec = new KrpcWireCodec(KrpcConfig.defaults());

    @Test
    void aDecodedQueryCarriesItsDatagramLengthAndTheSizerReportsIt() throws Exception {
        Envelope ping = decode(codec, ascii(LIBTORRENT_PING), PEER);
        assertThat(ping.hints().receivedBytes()).isEqualTo(56);
        assertThat(codec.encodedLength(ping)).as("our re-encoding: 9-byte t and our v").isGreaterThan(56);
        assertThat(WireCodecs.sizer(codec).applyAsInt(ping)).isEqualTo(56);
    }

    @Test
    void theMinimalPongLeavesOutVersionAndIpAndIsShorterThanThePing() throws Exception {
        Envelope ping = decode(codec, ascii(LIBTORRENT_PING), PEER);
        Contact self = new Contact(MNOP, LOCAL);

        byte[] full = codec.encode(new Envelope(ping.txId(), self, PEER, new Pong(PEER)));
        byte[] minimal = codec.encode(new Envelope(ping.txId(), self, PEER, new Pong(PEER), EnvelopeHints.MINIMAL));

        assertThat(latin1(minimal)).isEqualTo("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re");
        assertThat(minimal.length).isEqualTo(47).isLessThanOrEqualTo(LIBTORRENT_PING.length());
        assertThat(latin1(full)).contains("2:ip6:", "1:v4:CH");
        assertThat(full.length).isGreaterThan(LIBTORRENT_PING.length());
    }

    @Test
    void ourMinimalPingHasNoVersion() {
        Envelope ping = new Envelope(1, new Contact(ABCD, LOCAL), PEER, new Ping(), EnvelopeHints.MINIMAL);
        assertThat(latin1(codec.encode(ping))).doesNotContain("1:v");
        assertThat(codec.encodedLength(ping)).isEqualTo(codec.encode(ping).length)
                .isLessThan(codec.encodedLength(new Envelope(1, new Contact(ABCD, LOCAL), PEER, new Ping())));
    }
}
