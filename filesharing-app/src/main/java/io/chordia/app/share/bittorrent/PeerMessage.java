package io.chordia.app.share.bittorrent;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * The messages of BEP 3 after the handshake, and BEP 10's extended message. A message that exists
 * is well-formed; whether it fits the content (a piece index in range) is the session's check.
 */
public sealed interface PeerMessage {
    byte CHOKE = 0;
    byte UNCHOKE = 1;
    byte INTERESTED = 2;
    byte NOT_INTERESTED = 3;
    byte HAVE = 4;
    byte BITFIELD = 5;
    byte REQUEST = 6;
    byte PIECE = 7;
    byte CANCEL = 8;
    byte EXTENDED = 20;

    <R> R accept(Visitor<R> visitor) throws PeerWireViolation;

    /** Java 17 has no pattern switch: one method per message type. */
    interface Visitor<R> {
        R keepAlive() throws PeerWireViolation;

        R state(State message) throws PeerWireViolation;

        R have(Have message) throws PeerWireViolation;

        R bitfield(Bitfield message) throws PeerWireViolation;

        R request(Request message) throws PeerWireViolation;

        R piece(Piece message) throws PeerWireViolation;

        R cancel(Cancel message) throws PeerWireViolation;

        R extended(Extended message) throws PeerWireViolation;
    }

    /** A length prefix of zero. */
    enum KeepAlive implements PeerMessage {
        INSTANCE;

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.keepAlive();
        }
    }

    /** The four messages without a body: choke, unchoke, interested, not interested. */
    enum State implements PeerMessage {
        CHOKE(PeerMessage.CHOKE), UNCHOKE(PeerMessage.UNCHOKE), INTERESTED(PeerMessage.INTERESTED),
        NOT_INTERESTED(PeerMessage.NOT_INTERESTED);

        private final byte id;

        State(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.state(this);
        }
    }

    record Have(int piece) implements PeerMessage {
        public Have {
            Checks.check(piece >= 0, "piece %s", piece);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.have(this);
        }
    }

    /** One bit per piece, most significant first, spare bits of the last byte clear. */
    record Bitfield(Bytes bits) implements PeerMessage {
        public Bitfield {
            Checks.notNull(bits, "bits");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.bitfield(this);
        }
    }

    record Request(int piece, int begin, int length) implements PeerMessage {
        public Request {
            Checks.check(piece >= 0 && begin >= 0 && length > 0, "request %s/%s/%s", piece, begin, length);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.request(this);
        }
    }

    record Piece(int piece, int begin, Bytes block) implements PeerMessage {
        public Piece {
            Checks.check(piece >= 0 && begin >= 0, "piece %s/%s", piece, begin);
            Checks.notNull(block, "block");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.piece(this);
        }
    }

    record Cancel(int piece, int begin, int length) implements PeerMessage {
        public Cancel {
            Checks.check(piece >= 0 && begin >= 0 && length > 0, "cancel %s/%s/%s", piece, begin, length);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.cancel(this);
        }
    }

    /** BEP 10: {@code extendedId} 0 is the extension handshake, others the ids the receiver gave in its {@code m}. */
    record Extended(int extendedId, Bytes payload) implements PeerMessage {
        public Extended {
            Checks.inRange(extendedId, 0, 255, "extendedId");
            Checks.notNull(payload, "payload");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) throws PeerWireViolation {
            return visitor.extended(this);
        }
    }
}
