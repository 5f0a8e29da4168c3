package io.chordia.app.share.bittorrent;

import java.nio.ByteBuffer;

/** The bytes of each peer-wire message; a piece's block can follow its 13-byte header separately (sendfile). */
public final class PeerWireEncoder {
    public static final int PIECE_HEADER_BYTES = 13;

    private PeerWireEncoder() {}

    public static byte[] encode(PeerMessage message) {
        try {
            return message.accept(ENCODER);
        } catch (PeerWireViolation e) {
            throw new IllegalStateException(e); // encoding throws nothing: the visitor's signature is the decoder's
        }
    }

    /** Length prefix, id 7, index and begin of a piece message whose {@code length}-byte block follows. */
    public static byte[] pieceHeader(int piece, int begin, int length) {
        return ByteBuffer.allocate(PIECE_HEADER_BYTES).putInt(9 + length).put(PeerMessage.PIECE).putInt(piece).putInt(begin).array();
    }

    private static ByteBuffer frame(byte id, int body) {
        return ByteBuffer.allocate(5 + body).putInt(1 + body).put(id);
    }

    private static final PeerMessage.Visitor<byte[]> ENCODER = new PeerMessage.Visitor<>() {
        @Override
        public byte[] keepAlive() {
            return new byte[4];
        }

        @Override
        public byte[] state(PeerMessage.State m) {
            return frame(m.id(), 0).array();
        }

        @Override
        public byte[] have(PeerMessage.Have m) {
            return frame(PeerMessage.HAVE, 4).putInt(m.piece()).array();
        }

        @Override
        public byte[] bitfield(PeerMessage.Bitfield m) {
            ByteBuffer b = frame(PeerMessage.BITFIELD, m.bits().length());
            m.bits().copyTo(b.array(), 5);
            return b.array();
        }

        @Override
        public byte[] request(PeerMessage.Request m) {
            return frame(PeerMessage.REQUEST, 12).putInt(m.piece()).putInt(m.begin()).putInt(m.length()).array();
        }

        @Override
        public byte[] piece(PeerMessage.Piece m) {
            ByteBuffer b = frame(PeerMessage.PIECE, 8 + m.block().length()).putInt(m.piece()).putInt(m.begin());
            m.block().copyTo(b.array(), PIECE_HEADER_BYTES);
            return b.array();
        }

        @Override
        public byte[] cancel(PeerMessage.Cancel m) {
            return frame(PeerMessage.CANCEL, 12).putInt(m.piece()).putInt(m.begin()).putInt(m.length()).array();
        }

        @Override
        public byte[] extended(PeerMessage.Extended m) {
            ByteBuffer b = frame(PeerMessage.EXTENDED, 1 + m.payload().length()).put((byte) m.extendedId());
            m.payload().copyTo(b.array(), 6);
            return b.array();
        }
    };
}
