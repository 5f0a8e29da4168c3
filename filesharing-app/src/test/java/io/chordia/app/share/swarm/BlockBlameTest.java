package io.chordia.app.share.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlockBlameTest {
    private static final int LENGTH = 4 * PeerLink.BLOCK_SIZE;
    private final PeerSession honest = session("10.0.0.1");
    private final PeerSession liar = session("10.0.0.2");

    private static PeerSession session(String host) {
        return new PeerSession(new Address(host, 7000), null, PeerSession.Phase.ACTIVE,
                new RequestWindow(SwarmConfig.defaults(), 0));
    }

    private static ActivePiece piece(int index, PeerSession... senders) {
        ActivePiece ap = new ActivePiece(index, LENGTH, PieceBuffers.HEAP.allocate(LENGTH), senders[0]);
        System.arraycopy(senders, 0, ap.from, 0, senders.length);
        return ap;
    }

    private static byte[] content(int seed) {
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static byte[][] digests(byte[] piece) {
        return BlockBlame.digests(ByteBuffer.wrap(piece), piece.length);
    }

    @Test
    void theSenderOfTheBlockThatDiffersFromTheVerifiedCopyIsNamedAndOnlyThatSender() {
        BlockBlame blame = new BlockBlame(8);
        byte[] good = content(1);
        byte[] bad = good.clone();
        bad[PeerLink.BLOCK_SIZE + 5] ^= 0x5A; // block 1, sent by the liar
        ActivePiece failed = piece(3, honest, liar, honest, liar);
        assertThat(blame.wantsDigests(failed)).isTrue();
        blame.pieceFailed(failed, digests(bad));

        ActivePiece retried = piece(3, honest, honest, honest, honest);
        assertThat(blame.wantsDigests(retried)).as("an earlier copy failed").isTrue();
        assertThat(blame.piecePassed(retried, digests(good))).containsExactly(liar);
        assertThat(blame.piecePassed(retried, digests(good))).as("forgotten once settled").isEmpty();
    }

    @Test
    void aPieceFromOneSenderNeedsNoDigests() {
        BlockBlame blame = new BlockBlame(8);
        ActivePiece one = piece(0, liar, liar, liar, liar);
        assertThat(blame.wantsDigests(one)).isFalse();
        blame.pieceFailed(one, digests(content(2)));
        assertThat(blame.piecePassed(piece(0, honest, honest, honest, honest), digests(content(1)))).isEmpty();
    }

    @Test
    void theOldestFailedPieceIsForgottenPastTheCapacity() {
        BlockBlame blame = new BlockBlame(1);
        blame.pieceFailed(piece(1, honest, liar, honest, liar), digests(content(9)));
        blame.pieceFailed(piece(2, honest, liar, honest, liar), digests(content(9)));
        assertThat(blame.piecePassed(piece(1, honest, honest, honest, honest), digests(content(1)))).isEmpty();
        assertThat(blame.piecePassed(piece(2, honest, honest, honest, honest), digests(content(1))))
                .containsExactlyInAnyOrder(honest, liar); // every block differs: content(9) is not content(1)
    }

    @Test
    void blockDigestsDifferExactlyWhereTheBytesDo() {
        byte[] a = content(4);
        byte[] b = a.clone();
        b[2 * PeerLink.BLOCK_SIZE] ^= 1;
        byte[][] da = digests(a);
        byte[][] db = digests(b);
        assertThat(da.length).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(Arrays.equals(da[i], db[i])).as("block %s", i).isEqualTo(i != 2);
        }
    }
}
