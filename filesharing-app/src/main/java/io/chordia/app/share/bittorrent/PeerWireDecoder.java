package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;

/**
 * Reads peer-wire messages ({@code length u32 | id u8 | body}, big-endian) from a buffer that
 * grows as bytes arrive. Every length is checked against {@link PeerWireLimits} from the header
 * alone, so nothing is allocated for a message that breaks them and a 2^31 length costs nothing
 * but the disconnect. A message of unknown id within bounds is skipped and counted (BEP 3 tells
 * clients to ignore what they do not know); everything else that is wrong is a
 * {@link PeerWireViolation}. Not thread-safe: one per connection.
 */
public final class PeerWireDecoder {
    private static final int HEADER = 4;

    private final DropCounter drops;
    private PeerWireLimits limits;

    public PeerWireDecoder(PeerWireLimits limits, DropCounter drops) {
        this.limits = limits;
        this.drops = drops;
    }

    /** Once the metadata is known, bitfields are held to the content's exact piece count. */
    public void limits(PeerWireLimits newLimits) {
        this.limits = newLimits;
    }

    /**
     * The next whole message in {@code in} (consumed), or null when more bytes are needed (a partial
     * message stays unconsumed). Skipped messages are consumed and the next one is looked at.
     */
    public PeerMessage next(ByteBuffer in) throws PeerWireViolation {
        while (in.remaining() >= HEADER) {
            int start = in.position();
            long length = Integer.toUnsignedLong(in.getInt(start));
            if (length == 0) {
                in.position(start + HEADER);
                return PeerMessage.KeepAlive.INSTANCE;
            }
            if (length > limits.maxMessage()) {
                throw new PeerWireViolation(DropReason.BAD_LENGTH, "a message of " + length + " bytes");
            }
            if (in.remaining() < HEADER + 1) {
                return null;
            }
            byte id = in.get(start + HEADER);
            int body = (int) length - 1;
            check(id, body);
            if (in.remaining() < HEADER + length) {
                return null;
            }
            in.position(start + HEADER + 1);
            PeerMessage message = read(id, body, in);
            if (message != null) {
                return message;
            }
            in.position(start + HEADER + (int) length);
            drops.dropped(DropReason.UNKNOWN_TYPE);
        }
        return null;
    }

    /** The body length {@code id} allows, checked before anything of the body is read. */
    private void check(byte id, int body) throws PeerWireViolation {
        boolean ok = switch (id) {
            case PeerMessage.CHOKE, PeerMessage.UNCHOKE, PeerMessage.INTERESTED, PeerMessage.NOT_INTERESTED -> body == 0;
            case PeerMessage.HAVE -> body == 4;
            case PeerMessage.BITFIELD -> limits.pieceCount() < 0 ? body <= limits.bitfieldBytes() : body == limits.bitfieldBytes();
            case PeerMessage.REQUEST, PeerMessage.CANCEL -> body == 12;
            case PeerMessage.PIECE -> body >= 8 && body <= limits.maxPieceBody();
            case PeerMessage.EXTENDED -> body >= 1 && body <= limits.maxExtended();
            default -> true; // unknown: skipped whole, and maxMessage() already bounds it
        };
        if (!ok) {
            throw new PeerWireViolation(DropReason.BAD_LENGTH, "message " + id + " with a body of " + body + " bytes");
        }
    }

    /** The message of {@code id} whose body starts at {@code in}'s position; null for an unknown id. */
    private PeerMessage read(byte id, int body, ByteBuffer in) throws PeerWireViolation {
        return switch (id) {
            case PeerMessage.CHOKE -> PeerMessage.State.CHOKE;
            case PeerMessage.UNCHOKE -> PeerMessage.State.UNCHOKE;
            case PeerMessage.INTERESTED -> PeerMessage.State.INTERESTED;
            case PeerMessage.NOT_INTERESTED -> PeerMessage.State.NOT_INTERESTED;
            case PeerMessage.HAVE -> new PeerMessage.Have(index(in.getInt()));
            case PeerMessage.BITFIELD -> bitfield(body, in);
            case PeerMessage.REQUEST -> new PeerMessage.Request(index(in.getInt()), index(in.getInt()), positive(in.getInt()));
            case PeerMessage.CANCEL -> new PeerMessage.Cancel(index(in.getInt()), index(in.getInt()), positive(in.getInt()));
            case PeerMessage.PIECE -> piece(body, in);
            case PeerMessage.EXTENDED -> new PeerMessage.Extended(in.get() & 0xFF, bytes(in, body - 1));
            default -> null;
        };
    }

    private PeerMessage bitfield(int body, ByteBuffer in) throws PeerWireViolation {
        Bytes bits = bytes(in, body);
        int pieces = limits.pieceCount();
        if (pieces >= 0 && pieces % 8 != 0 && body > 0 && (bits.byteAt(body - 1) & (0xFF >>> (pieces % 8))) != 0) {
            throw new PeerWireViolation(DropReason.MALFORMED, "a bitfield with spare bits set");
        }
        return new PeerMessage.Bitfield(bits);
    }

    private PeerMessage piece(int body, ByteBuffer in) throws PeerWireViolation {
        int index = index(in.getInt());
        int begin = index(in.getInt());
        return new PeerMessage.Piece(index, begin, bytes(in, body - 8));
    }

    private static Bytes bytes(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return Bytes.wrapOwned(b);
    }

    private static int index(int value) throws PeerWireViolation {
        if (value < 0) {
            throw new PeerWireViolation(DropReason.BAD_REQUEST, "a negative index or offset");
        }
        return value;
    }

    private static int positive(int value) throws PeerWireViolation {
        if (value <= 0) {
            throw new PeerWireViolation(DropReason.BAD_REQUEST, "a request of " + value + " bytes");
        }
        return value;
    }
}
