package io.chordia.app.share.bittorrent;

import static io.chordia.app.share.bittorrent.SeedingSessionTest.concat;
import static io.chordia.app.share.bittorrent.SeedingSessionTest.handshake;
import static io.chordia.app.share.bittorrent.SeedingSessionTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A peer that breaks the rules is closed and banned before anything it declared is allocated; one that floods costs nothing kept. */
class PeerWireHostileTest {
    final DropTally drops = new DropTally();
    final RecordingOutput out = new RecordingOutput();
    final SeedingSession session = new SeedingSession(SeedingSessionTest.anyHash(new SeedingSessionTest.Slots(4), out),
            SeedingSessionTest.OUR_ID, drops, out);

    private void afterHandshake(byte[] hostile) {
        session.onBytes(ByteBuffer.wrap(concat(handshake(true), msg(PeerMessage.State.INTERESTED), hostile)));
    }

    private void assertBanned(DropReason reason) {
        assertThat(out.closedFor).isEqualTo(reason);
        assertThat(out.banned).isTrue();
        assertThat(session.closed()).isTrue();
    }

    private static byte[] header(long length, int id) {
        return ByteBuffer.allocate(5).putInt((int) length).put((byte) id).array();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 31, 0xFFFF_FFFFL, 16_384 + 13 + 1, 1 << 20})
    void aLengthBombIsRefusedFromItsHeaderAlone(long length) {
        afterHandshake(header(length, PeerMessage.PIECE)); // the 5 bytes are all there is: the body is never waited for
        assertBanned(DropReason.BAD_LENGTH);
    }

    @Test
    void aPieceOneByteOverABlockIsRefusedAndOneBlockIsNot() {
        afterHandshake(header(1 + 8 + 16_384, PeerMessage.PIECE));
        assertThat(out.closedFor).isNull();
        afterHandshake(header(1 + 8 + 16_385, PeerMessage.PIECE));
        assertBanned(DropReason.BAD_LENGTH);
    }

    @Test
    void aBitfieldLongerThanThePieceCountAllowsIsRefused() {
        afterHandshake(msg(new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[2])))); // 3 pieces fit in 1 byte
        assertBanned(DropReason.BAD_LENGTH);
    }

    @Test
    void aBitfieldWithSpareBitsSetIsMalformed() {
        afterHandshake(msg(new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[] {(byte) 0xF0}))));
        assertBanned(DropReason.MALFORMED);
    }

    @Test
    void anExtendedMessageOverItsBoundIsRefused() {
        afterHandshake(header(2L + PeerWireLimits.MAX_EXTENDED, PeerMessage.EXTENDED));
        assertBanned(DropReason.BAD_LENGTH);
    }

    @Test
    void anExtendedMessageThatIsNotBencodeIsMalformed() {
        afterHandshake(msg(new PeerMessage.Extended(0, Bytes.ofUtf8("d1:m"))));
        assertBanned(DropReason.MALFORMED);
    }

    @Test
    void aDeeplyNestedExtensionHandshakeIsMalformed() {
        afterHandshake(msg(new PeerMessage.Extended(0, Bytes.ofUtf8("d1:md1:ad1:ad1:ai1eeeee"))));
        assertBanned(DropReason.MALFORMED);
    }

    @Test
    void aRequestOutsideTheContentIsRefused() {
        afterHandshake(msg(new PeerMessage.Request(2, 7_000, 233))); // the last piece has 7,232 bytes
        assertBanned(DropReason.BAD_REQUEST);
    }

    @Test
    void aRequestLargerThanABlockIsRefused() {
        afterHandshake(msg(new PeerMessage.Request(0, 0, 16_385)));
        assertBanned(DropReason.BAD_REQUEST);
    }

    @Test
    void aHaveOfAPieceThatDoesNotExistIsRefused() {
        afterHandshake(msg(new PeerMessage.Have(3)));
        assertBanned(DropReason.BAD_REQUEST);
    }

    @Test
    void somethingElseThanAHandshakeIsRefusedFromItsFirstByte() {
        session.onBytes(ByteBuffer.wrap(new byte[] {19, 'X'}));
        assertBanned(DropReason.MALFORMED);
    }

    @Test
    void anUnknownIdOverTheLargestMessageIsRefusedRatherThanSkipped() {
        afterHandshake(header(PeerWireLimits.forPieces(3).maxMessage() + 1, 99));
        assertBanned(DropReason.BAD_LENGTH);
    }

    @Test
    void everyTruncationWaitsForMoreAndNeitherClosesNorSends() {
        byte[] all = concat(handshake(true), msg(PeerMessage.State.INTERESTED), msg(new PeerMessage.Request(1, 0, 16_384)));
        for (int cut = 0; cut < all.length; cut++) {
            RecordingOutput o = new RecordingOutput();
            SeedingSession s = new SeedingSession(SeedingSessionTest.anyHash(new SeedingSessionTest.Slots(1), o), SeedingSessionTest.OUR_ID,
                    drops, o);
            ByteBuffer in = ByteBuffer.wrap(all, 0, cut);
            s.onBytes(in);
            assertThat(o.closedFor).as("cut at %s", cut).isNull();
            assertThat(o.blocks).as("cut at %s", cut).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mutatedStreamsNeverThrowAndAreAnsweredWithinWhatTheyAsk(long seed) {
        byte[] valid = concat(handshake(true), msg(PeerMessage.State.INTERESTED),
                msg(new PeerMessage.Extended(0, Bytes.wrapOwned(new ExtensionHandshake(2, -1, "x", 10).encode()))),
                msg(SeedingSessionTest.ut(MetadataMessage.request(0))), msg(new PeerMessage.Request(1, 0, 16_384)),
                msg(new PeerMessage.Have(2)), msg(new PeerMessage.Cancel(1, 0, 16_384)), msg(PeerMessage.KeepAlive.INSTANCE));
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2_000; round++) {
            byte[] mutated = valid.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            RecordingOutput o = new RecordingOutput();
            SeedingSession s = new SeedingSession(SeedingSessionTest.anyHash(new SeedingSessionTest.Slots(1), o), SeedingSessionTest.OUR_ID,
                    new DropTally(), o);
            s.onBytes(ByteBuffer.wrap(mutated)); // throws nothing: every violation becomes a close
            assertThat(o.blocks.size()).as("seed %s round %s", seed, round).isLessThanOrEqualTo(1);
            assertThat(o.sent.size()).as("seed %s round %s", seed, round).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aFloodOfHavesAndChokedRequestsKeepsNothing() {
        SeedingSession choked = new SeedingSession(SeedingSessionTest.anyHash(new SeedingSessionTest.Slots(0), out),
                SeedingSessionTest.OUR_ID, drops, out);
        choked.onBytes(ByteBuffer.wrap(handshake(true)));
        int sentAfterHandshake = out.sent.size();
        byte[] chunk = new byte[0];
        for (int i = 0; i < 1_000; i++) {
            chunk = concat(chunk, msg(new PeerMessage.Have(i % 3)), msg(new PeerMessage.Request(i % 3, 0, 1_000)));
        }
        for (int round = 0; round < 500; round++) {
            choked.onBytes(ByteBuffer.wrap(chunk));
        }
        assertThat(drops.count(DropReason.CHOKED)).isEqualTo(500_000);
        assertThat(out.sent).hasSize(sentAfterHandshake);
        assertThat(out.blocks).isEmpty();
        assertThat(out.closedFor).isNull();
    }
}
