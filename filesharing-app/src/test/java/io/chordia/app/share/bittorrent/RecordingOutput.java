package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropReason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** What a session sent, for tests: messages decoded back, blocks as (piece, begin, length), and how it closed. */
final class RecordingOutput implements SeedingOutput {
    final List<byte[]> sent = new ArrayList<>();
    final List<int[]> blocks = new ArrayList<>();
    DropReason closedFor;
    boolean banned;

    @Override
    public void send(byte[] message) {
        sent.add(message);
    }

    @Override
    public void sendBlock(int piece, int begin, int length) {
        blocks.add(new int[] {piece, begin, length});
    }

    @Override
    public void close(DropReason reason, boolean ban) {
        closedFor = reason;
        banned = ban;
    }

    /** The messages sent after the handshake, decoded. */
    List<PeerMessage> messages(int pieceCount) throws PeerWireViolation {
        List<PeerMessage> out = new ArrayList<>();
        PeerWireDecoder decoder = new PeerWireDecoder(PeerWireLimits.forPieces(pieceCount), r -> { });
        for (byte[] m : sent.subList(1, sent.size())) {
            out.add(decoder.next(ByteBuffer.wrap(m)));
        }
        return out;
    }
}
