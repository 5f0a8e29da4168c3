package io.chordia.app.share.bittorrent.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.bittorrent.ExtensionHandshake;
import io.chordia.app.share.bittorrent.Handshake;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MetadataMessage;
import io.chordia.app.share.bittorrent.PeerMessage;
import io.chordia.app.share.bittorrent.PeerWireEncoder;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our outgoing BitTorrent link against a scripted peer: what it sends, what it tells the swarm, and
 * that a peer breaking the rules is closed and banned from the header of what it declares, before
 * any of it is allocated.
 */
class FetchingSessionTest {
    static final byte[] INFO = "d6:lengthi40000e4:name5:x.bin12:piece lengthi16384e6:pieces60:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaae"
            .getBytes(StandardCharsets.US_ASCII);
    static final InfoHash HASH = InfoHash.of(INFO);
    static final Bytes PEER = Bytes.wrapOwned("-LT2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));
    static final int PIECES = 3;

    final RecordingEvents events = new RecordingEvents();
    final Wire wire = new Wire();

    /** The connection as the session sees it. */
    static final class Wire implements FetchingSession.Output {
        final List<byte[]> sent = new ArrayList<>();
        DropReason closedFor;
        boolean closed;
        boolean banned;

        @Override
        public void send(byte[] message) {
            sent.add(message);
        }

        @Override
        public void flush() { }

        @Override
        public void close(DropReason reason, boolean ban) {
            closed = true;
            closedFor = reason;
            banned = ban;
        }

        /** The message ids sent after the handshake (the extended ones as "20:n"). */
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (byte[] m : sent.subList(1, sent.size())) {
                ids.add(m.length == 4 ? "keepalive" : m[4] == PeerMessage.EXTENDED ? "20:" + m[5] : String.valueOf(m[4]));
            }
            return ids;
        }
    }

    FetchingSession session(FetchingSession.Mode mode) {
        FetchingSession s = new FetchingSession(mode, HASH, PEER, new byte[20], mode == FetchingSession.Mode.DATA ? PIECES : -1,
                events, wire, r -> { });
        s.start();
        return s;
    }

    static byte[] handshake(InfoHash hash) {
        return new Handshake(true, hash, PEER).encode();
    }

    static byte[] msg(PeerMessage m) {
        return PeerWireEncoder.encode(m);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] extHandshake(int utMetadata, int size) {
        return msg(new PeerMessage.Extended(0, Bytes.wrapOwned(new ExtensionHandshake(utMetadata, size, "lt", 500).encode())));
    }

    static byte[] metadataPiece(int piece, byte[] info) {
        int from = piece * MetadataMessage.PIECE_BYTES;
        int n = Math.min(MetadataMessage.PIECE_BYTES, info.length - from);
        byte[] head = new MetadataMessage(MetadataMessage.DATA, piece, info.length).encode();
        byte[] payload = Arrays.copyOf(head, head.length + n);
        System.arraycopy(info, from, payload, head.length, n);
        return msg(new PeerMessage.Extended(1, Bytes.wrapOwned(payload))); // 1: the id we gave for ut_metadata
    }

    @Test
    void handshakesThenReportsBitfieldUnchokeAndABlockStreamedInFragments() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        assertThat(wire.sent.get(0)).isEqualTo(new Handshake(true, HASH, PEER).encode());
        byte[] block = new byte[16_384];
        Arrays.fill(block, (byte) 7);
        byte[] all = concat(handshake(HASH), extHandshake(3, INFO.length),
                msg(new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[] {(byte) 0xE0}))), msg(PeerMessage.State.UNCHOKE),
                msg(new PeerMessage.Piece(1, 0, Bytes.wrapOwned(block))));
        ByteBuffer in = ByteBuffer.allocate(all.length);
        for (int at = 0; at < all.length; at += 1000) { // as TCP may cut it
            in.put(all, at, Math.min(1000, all.length - at)).flip();
            s.onBytes(in);
            in.compact();
        }

        assertThat(events.seen).containsExactly("bitfield", "unchoke", "block 1/0/16384", "done 1/0");
        assertThat(events.bits).containsExactly(0xE0);
        assertThat(events.target.array()).containsOnly(7);
        assertThat(in.position()).isZero();
        assertThat(wire.ids()).containsExactly("20:0"); // our extension handshake
        assertThat(wire.closed).isFalse();
    }

    @Test
    void thePeersRequestQueueReachesTheSwarmAndBep10sDefaultStandsInUntilThen() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        s.onBytes(ByteBuffer.wrap(handshake(HASH)));
        assertThat(events.requestLimit).isEqualTo(ExtensionHandshake.DEFAULT_REQUEST_QUEUE);
        s.onBytes(ByteBuffer.wrap(extHandshake(3, INFO.length))); // reqq 500
        assertThat(events.requestLimit).isEqualTo(500);
        byte[] noReqq = "d1:md11:ut_metadatai3eee".getBytes(StandardCharsets.US_ASCII);
        s.onBytes(ByteBuffer.wrap(msg(new PeerMessage.Extended(0, Bytes.wrapOwned(noReqq)))));
        assertThat(events.requestLimit).isEqualTo(ExtensionHandshake.DEFAULT_REQUEST_QUEUE);
    }

    @Test
    void aPeerThatStartsWithHaveGetsAnEmptyBitfieldFirst() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), msg(new PeerMessage.Have(2)))));

        assertThat(events.seen).containsExactly("bitfield", "have 2");
        assertThat(events.bits).containsExactly(0);
    }

    @Test
    void requestsInterestAndCancelsLeaveAsPeerWireMessages() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        s.interested(true);
        s.requestBlock(2, 16_384, 100);
        s.cancel(2, 16_384, 100);

        assertThat(wire.sent.subList(1, 4)).containsExactly(msg(PeerMessage.State.INTERESTED),
                msg(new PeerMessage.Request(2, 16_384, 100)), msg(new PeerMessage.Cancel(2, 16_384, 100)));
    }

    @Test
    void aHandshakeForAnotherInfohashIsBanned() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        s.onBytes(ByteBuffer.wrap(handshake(InfoHash.of(new byte[] {1}))));

        assertThat(events.malformed).isEqualTo(DropReason.UNKNOWN_CONTENT);
        assertThat(wire.banned).isTrue();
    }

    @Test
    void aPieceMessageLongerThanABlockIsBannedFromItsHeaderAlone() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), ByteBuffer.allocate(5).putInt(Integer.MAX_VALUE).put((byte) 7).array())));

        assertThat(events.malformed).isEqualTo(DropReason.BAD_LENGTH);
        assertThat(wire.banned).isTrue();
        assertThat(events.seen).doesNotContain("block");
    }

    @Test
    void aBlockOfAPiecePastTheTorrentIsBanned() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), msg(new PeerMessage.Piece(PIECES, 0, Bytes.wrapOwned(new byte[10]))))));

        assertThat(events.malformed).isEqualTo(DropReason.UNREQUESTED_BLOCK);
        assertThat(wire.banned).isTrue();
    }

    @Test
    void aBlockTheSwarmDidNotAskForIsReadPastAndDiscarded() {
        FetchingSession s = session(FetchingSession.Mode.DATA);
        events.target = null;
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), msg(new PeerMessage.Piece(0, 0, Bytes.wrapOwned(new byte[100]))),
                msg(new PeerMessage.Have(1)))));

        assertThat(events.seen).containsExactly("block 0/0/100", "bitfield", "have 1");
        assertThat(wire.closed).isFalse();
    }

    @Test
    void metadataIsAskedForAndReportedOnceItsSha1IsTheInfohash() {
        FetchingSession s = session(FetchingSession.Mode.METADATA);
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), extHandshake(3, INFO.length))));
        assertThat(wire.ids()).containsExactly("20:0", "20:3");

        s.onBytes(ByteBuffer.wrap(metadataPiece(0, INFO)));

        assertThat(events.manifest).isEqualTo(INFO);
        assertThat(wire.closed).isTrue();
        assertThat(wire.banned).isFalse();
    }

    @Test
    void metadataWhoseSha1IsNotTheInfohashIsBanned() {
        FetchingSession s = session(FetchingSession.Mode.METADATA);
        byte[] forged = INFO.clone();
        forged[forged.length - 2] = 'b';
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), extHandshake(3, INFO.length), metadataPiece(0, forged))));

        assertThat(events.manifest).isNull();
        assertThat(events.malformed).isEqualTo(DropReason.BAD_MANIFEST);
        assertThat(wire.banned).isTrue();
    }

    @Test
    void aMetadataSizePastTheBoundIsBannedBeforeAnythingIsAskedFor() {
        FetchingSession s = session(FetchingSession.Mode.METADATA);
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), extHandshake(3, MetadataMessage.MAX_INFO_BYTES + 1))));

        assertThat(events.malformed).isEqualTo(DropReason.BAD_LENGTH);
        assertThat(wire.banned).isTrue();
        assertThat(wire.ids()).containsExactly("20:0");
    }

    @Test
    void aPeerWithoutUtMetadataIsLeftWithoutABan() {
        FetchingSession s = session(FetchingSession.Mode.METADATA);
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), extHandshake(0, -1))));

        assertThat(wire.closed).isTrue();
        assertThat(wire.banned).isFalse();
        assertThat(events.malformed).isNull();
    }

    @Test
    void metadataNobodyAskedForIsBanned() {
        FetchingSession s = session(FetchingSession.Mode.METADATA);
        byte[] big = Arrays.copyOf(INFO, 40_000); // three ut_metadata pieces
        s.onBytes(ByteBuffer.wrap(concat(handshake(HASH), extHandshake(3, big.length))));
        s.onBytes(ByteBuffer.wrap(metadataPiece(0, big)));
        s.onBytes(ByteBuffer.wrap(metadataPiece(0, big))); // the same piece again

        assertThat(events.malformed).isEqualTo(DropReason.UNREQUESTED_BLOCK);
        assertThat(wire.banned).isTrue();
    }
}
