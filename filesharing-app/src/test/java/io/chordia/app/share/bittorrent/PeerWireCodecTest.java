package io.chordia.app.share.bittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes of every message type (BEP 3's layout, written out by hand) and their round trips. */
class PeerWireCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private final DropTally drops = new DropTally();

    static List<Object[]> golden() {
        return List.of(
                new Object[] {PeerMessage.KeepAlive.INSTANCE, "00000000"},
                new Object[] {PeerMessage.State.CHOKE, "0000000100"},
                new Object[] {PeerMessage.State.UNCHOKE, "0000000101"},
                new Object[] {PeerMessage.State.INTERESTED, "0000000102"},
                new Object[] {PeerMessage.State.NOT_INTERESTED, "0000000103"},
                new Object[] {new PeerMessage.Have(0x0102), "000000050400000102"},
                new Object[] {new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[] {(byte) 0xFF, (byte) 0xE0})), "0000000305ffe0"},
                new Object[] {new PeerMessage.Request(1, 0x4000, 0x4000), "0000000d06000000010000400000004000"},
                new Object[] {new PeerMessage.Piece(2, 0x4000, Bytes.wrapOwned(new byte[] {7, 8})), "0000000b0700000002000040000708"},
                new Object[] {new PeerMessage.Cancel(1, 0x4000, 0x4000), "0000000d08000000010000400000004000"},
                new Object[] {new PeerMessage.Extended(0, Bytes.ofUtf8("de")), "0000000414006465"});
    }

    @Test
    void everyMessageTypeHasItsGoldenBytesBothWays() throws Exception {
        PeerWireDecoder decoder = new PeerWireDecoder(PeerWireLimits.forPieces(11), drops);
        for (Object[] g : golden()) {
            PeerMessage m = (PeerMessage) g[0];
            assertThat(HEX.formatHex(PeerWireEncoder.encode(m))).as("%s", m).isEqualTo(g[1]);
            ByteBuffer in = ByteBuffer.wrap(HEX.parseHex((String) g[1]));
            assertThat(decoder.next(in)).as("%s", m).isEqualTo(m);
            assertThat(in.hasRemaining()).isFalse();
        }
    }

    @Test
    void theHandshakeHasBep3sLayoutAndTheExtensionBit() throws Exception {
        InfoHash h = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
        Bytes peer = Bytes.ofUtf8("-CH0001-abcdefghijkl");
        byte[] bytes = new Handshake(true, h, peer).encode();

        assertThat(HEX.formatHex(bytes)).isEqualTo("13" + HEX.formatHex("BitTorrent protocol".getBytes()) + "0000000000100000"
                + h.toHex() + HEX.formatHex(peer.toArray()));
        assertThat(Handshake.read(ByteBuffer.wrap(bytes))).isEqualTo(new Handshake(true, h, peer));
        assertThat(Handshake.read(ByteBuffer.wrap(new Handshake(false, h, peer).encode())).extensionProtocol()).isFalse();
    }

    @Test
    void thePieceHeaderIsTheFirst13BytesOfAPieceMessage() {
        byte[] whole = PeerWireEncoder.encode(new PeerMessage.Piece(3, 16_384, Bytes.wrapOwned(new byte[100])));
        assertThat(PeerWireEncoder.pieceHeader(3, 16_384, 100)).isEqualTo(java.util.Arrays.copyOf(whole, 13));
    }

    @Test
    void extensionMessagesRoundTrip() throws Exception {
        ExtensionHandshake ours = new ExtensionHandshake(1, 12_345, "Chordia", 2048);
        assertThat(new String(ours.encode(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("d1:md11:ut_metadatai1ee13:metadata_sizei12345e4:reqqi2048e1:v7:Chordiae");
        assertThat(ExtensionHandshake.decode(Bytes.wrapOwned(ours.encode()))).isEqualTo(ours);
        assertThat(new String(MetadataMessage.request(2).encode(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("d8:msg_typei0e5:piecei2ee");
        assertThat(new String(new MetadataMessage(MetadataMessage.DATA, 0, 300).encode(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("d8:msg_typei1e5:piecei0e10:total_sizei300ee");
        assertThat(MetadataMessage.decode(Bytes.wrapOwned(MetadataMessage.reject(4).encode())).message())
                .isEqualTo(MetadataMessage.reject(4));
    }

    @Test
    void aMetadataDataMessageCarriesExactlyItsPiecesBytes() throws Exception {
        int total = 16_384 + 300;
        byte[] head = new MetadataMessage(MetadataMessage.DATA, 1, total).encode();
        byte[] tail = new byte[300];
        tail[299] = 9;
        MetadataMessage.Received r = MetadataMessage.decode(Bytes.wrapOwned(SeedingSessionTest.concat(head, tail)));
        assertThat(r.message()).isEqualTo(new MetadataMessage(MetadataMessage.DATA, 1, total));
        assertThat(r.data().toArray()).isEqualTo(tail);

        byte[] oneShort = SeedingSessionTest.concat(head, new byte[299]);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> MetadataMessage.decode(Bytes.wrapOwned(oneShort)), PeerWireViolation.class).reason())
                .isEqualTo(DropReason.BAD_LENGTH);
        byte[] requestWithTail = SeedingSessionTest.concat(MetadataMessage.request(0).encode(), new byte[1]);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> MetadataMessage.decode(Bytes.wrapOwned(requestWithTail)), PeerWireViolation.class).reason())
                .isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void anUnknownIdIsSkippedAndCountedAndTheNextMessageRead() throws Exception {
        PeerWireDecoder decoder = new PeerWireDecoder(PeerWireLimits.forPieces(11), drops);
        // id 9 is BEP 5's PORT, which a seed that runs no DHT on this port does not read
        ByteBuffer in = ByteBuffer.wrap(HEX.parseHex("00000003091ae1" + "0000000102"));
        assertThat(decoder.next(in)).isEqualTo(PeerMessage.State.INTERESTED);
        assertThat(drops.count(DropReason.UNKNOWN_TYPE)).isEqualTo(1);
    }
}
