package io.chordia.app.share.bittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.Manifest;
import io.chordia.app.share.ManifestFile;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A seeding session driven by hand: what a libtorrent leecher sends, and what a hostile peer does. */
class SeedingSessionTest {
    /** 40,000 bytes in 16 KiB pieces: 3 pieces, the last of 7,232 bytes. */
    static final Manifest MANIFEST = new Manifest("f.bin", false, 16_384, List.of(new ManifestFile("f.bin", 40_000)),
            new byte[3 * Manifest.HASH_BYTES]);
    static final SeededTorrent TORRENT = new SeededTorrent(MANIFEST, TorrentInfo.of(MANIFEST));
    static final Bytes THEIR_ID = Bytes.ofUtf8("-LT2080-abcdefghijkl");
    static final Bytes OUR_ID = Bytes.ofUtf8("-CH0001-abcdefghijkl");

    final DropTally drops = new DropTally();
    final RecordingOutput out = new RecordingOutput();
    final Slots slots = new Slots(1);
    final GateOffer offer = new GateOffer(TORRENT, null, slots, out);
    final SeedingSession session = new SeedingSession(h -> h.equals(TORRENT.info().infoHash()) ? offer : null, OUR_ID, drops, out);

    /** Offers TORRENT under whatever infohash the handshake names (hostile tests mutate it too). */
    static Function<InfoHash, OfferedContent> anyHash(Slots slots, RecordingOutput out) {
        return h -> new GateOffer(TORRENT, null, slots, out);
    }

    static byte[] handshake(boolean extensions) {
        return new Handshake(extensions, TORRENT.info().infoHash(), THEIR_ID).encode();
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static byte[] msg(PeerMessage m) {
        return PeerWireEncoder.encode(m);
    }

    void feed(byte[] bytes) {
        session.onBytes(ByteBuffer.wrap(bytes));
    }

    @Test
    void aLeecherGetsOurHandshakeTheExtensionHandshakeAFullBitfieldThenUnchokeAndBlocks() throws Exception {
        feed(concat(handshake(true), msg(PeerMessage.State.INTERESTED), msg(new PeerMessage.Request(2, 0, 7_232)),
                msg(new PeerMessage.Request(0, 16_000, 384))));

        assertThat(Handshake.read(ByteBuffer.wrap(out.sent.get(0)))).isEqualTo(new Handshake(true, TORRENT.info().infoHash(), OUR_ID));
        List<PeerMessage> m = out.messages(3);
        ExtensionHandshake ext = ExtensionHandshake.decode(((PeerMessage.Extended) m.get(0)).payload());
        assertThat(ext.utMetadataId()).isEqualTo(SeedingSession.OUR_UT_METADATA);
        assertThat(ext.metadataSize()).isEqualTo(TORRENT.info().size());
        assertThat(m.get(1)).isEqualTo(new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[] {(byte) 0b1110_0000})));
        assertThat(m.get(2)).isEqualTo(PeerMessage.State.UNCHOKE);
        assertThat(out.blocks).containsExactly(new int[] {2, 0, 7_232}, new int[] {0, 16_000, 384});
        assertThat(drops.total()).isZero();
    }

    @Test
    void aClientWithoutExtensionsGetsNoExtensionHandshake() throws Exception {
        feed(handshake(false));
        assertThat(out.messages(3)).hasSize(1).first().isInstanceOf(PeerMessage.Bitfield.class);
    }

    @Test
    void bytesArrivingOneAtATimeMakeTheSameSession() throws Exception {
        byte[] all = concat(handshake(true), msg(PeerMessage.State.INTERESTED), msg(new PeerMessage.Request(1, 0, 16_384)));
        ByteBuffer growing = ByteBuffer.allocate(all.length);
        for (byte b : all) {
            growing.put(b).flip();
            session.onBytes(growing);
            growing.compact();
        }
        assertThat(out.blocks).containsExactly(new int[] {1, 0, 16_384});
        assertThat(out.closedFor).isNull();
    }

    @Test
    void theInfoDictionaryIsServedInMetadataPiecesAndAPiecePastItsEndIsRejected() throws Exception {
        int theirUtMetadata = 3;
        byte[] theirExt = new ExtensionHandshake(theirUtMetadata, -1, "libtorrent", 250).encode();
        feed(concat(handshake(true), msg(new PeerMessage.Extended(0, Bytes.wrapOwned(theirExt))),
                msg(ut(MetadataMessage.request(0))), msg(ut(MetadataMessage.request(1)))));

        List<PeerMessage> m = out.messages(3);
        PeerMessage.Extended data = (PeerMessage.Extended) m.get(2);
        assertThat(data.extendedId()).isEqualTo(theirUtMetadata);
        byte[] head = new MetadataMessage(MetadataMessage.DATA, 0, TORRENT.info().size()).encode();
        assertThat(data.payload().toArray()).isEqualTo(concat(head, TORRENT.info().encoded()));
        PeerMessage.Extended reject = (PeerMessage.Extended) m.get(3);
        assertThat(MetadataMessage.decode(reject.payload()).message()).isEqualTo(MetadataMessage.reject(1));
    }

    static PeerMessage.Extended ut(MetadataMessage m) {
        return new PeerMessage.Extended(SeedingSession.OUR_UT_METADATA, Bytes.wrapOwned(m.encode()));
    }

    @Test
    void anUnknownInfoHashClosesWithoutABan() {
        feed(new Handshake(true, InfoHash.fromHex("00000000000000000000000000000000000000ff"), THEIR_ID).encode());
        assertThat(out.closedFor).isEqualTo(DropReason.UNKNOWN_CONTENT);
        assertThat(out.banned).isFalse();
        assertThat(out.sent).isEmpty();
    }

    @Test
    void requestsOfAChokedPeerAreDroppedAndCounted() {
        SeedingSession s = new SeedingSession(anyHash(new Slots(0), out), OUR_ID, drops, out);
        s.onBytes(ByteBuffer.wrap(concat(handshake(true), msg(PeerMessage.State.INTERESTED), msg(new PeerMessage.Request(0, 0, 16_384)))));
        assertThat(out.blocks).isEmpty();
        assertThat(drops.count(DropReason.CHOKED)).isEqualTo(1);
        assertThat(out.closedFor).isNull();
    }

    @Test
    void theUploadSlotIsGivenBackWhenTheConnectionClosesAndThePolicyHearsOfItOnce() {
        feed(concat(handshake(true), msg(PeerMessage.State.INTERESTED)));
        assertThat(slots.used).isEqualTo(1);
        session.onClosed();
        session.onClosed();
        assertThat(slots.used).isZero();
        assertThat(offer.closed).isEqualTo(1);
    }

    @Test
    void aSessionClosedBeforeItsHandshakeNeverTellsThePolicy() {
        feed(Arrays.copyOf(handshake(true), 30));
        session.onClosed();
        assertThat(offer.opened).isZero();
        assertThat(offer.closed).isZero();
    }

    @Test
    void aContentStillBeingFetchedIsOfferedWithTheBitfieldOfItsVerifiedPiecesAndServesOnlyThose() throws Exception {
        BitSet verified = new BitSet();
        verified.set(1);
        GateOffer partial = new GateOffer(TORRENT, verified, new Slots(1), out);
        SeedingSession s = new SeedingSession(h -> partial, OUR_ID, drops, out);
        s.onBytes(ByteBuffer.wrap(concat(handshake(false), msg(PeerMessage.State.INTERESTED),
                msg(new PeerMessage.Request(0, 0, 16_384)), msg(new PeerMessage.Request(1, 0, 16_384)))));

        assertThat(out.messages(3)).containsExactly(new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[] {(byte) 0b0100_0000})),
                PeerMessage.State.UNCHOKE);
        assertThat(out.blocks).containsExactly(new int[] {1, 0, 16_384});
        assertThat(partial.served).isEqualTo(16_384);
        // A request for a piece we never announced is the client's mistake: counted, the connection stays.
        assertThat(drops.count(DropReason.UNEXPECTED)).isEqualTo(1);
        assertThat(out.closedFor).isNull();

        verified.set(0); // verified since: the peer has sent its HAVE, and the piece is served
        s.onBytes(ByteBuffer.wrap(msg(new PeerMessage.Request(0, 0, 16_384))));
        assertThat(out.blocks).hasSize(2);
    }

    @Test
    void aClientNoLongerInterestedIsChokedAndGivesBackItsSlot() throws Exception {
        feed(concat(handshake(true), msg(PeerMessage.State.INTERESTED), msg(PeerMessage.State.NOT_INTERESTED),
                msg(new PeerMessage.Request(0, 0, 16_384))));
        assertThat(slots.used).isZero();
        assertThat(out.messages(3)).endsWith(PeerMessage.State.UNCHOKE, PeerMessage.State.CHOKE);
        assertThat(out.blocks).isEmpty();
        assertThat(drops.count(DropReason.CHOKED)).isEqualTo(1);
    }

    /** {@code max} upload slots, {@code used} of them taken, for {@link GateOffer}. */
    static final class Slots {
        final int max;
        int used;

        Slots(int max) {
            this.max = max;
        }
    }
}
