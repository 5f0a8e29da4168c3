package io.chordia.app.share.bittorrent.fetch;

import io.chordia.app.share.bittorrent.ExtensionHandshake;
import io.chordia.app.share.bittorrent.Handshake;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MetadataMessage;
import io.chordia.app.share.bittorrent.PeerMessage;
import io.chordia.app.share.bittorrent.PeerWireDecoder;
import io.chordia.app.share.bittorrent.PeerWireEncoder;
import io.chordia.app.share.bittorrent.PeerWireLimits;
import io.chordia.app.share.bittorrent.PeerWireViolation;
import io.chordia.app.share.bittorrent.SeedingSession;
import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerLink;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.nio.ByteBuffer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Our outgoing connection to a BitTorrent peer, as the swarm sees any link: a {@link PeerLink}
 * whose events it receives. We send the handshake (BEP 3, with BEP 10's bit) and, when the peer
 * speaks BEP 10, our extension handshake; then either fetch the info dictionary with ut_metadata
 * ({@link Mode#METADATA}: reported as {@link PeerLinkEvents#onManifest} with the infohash and the
 * verified dictionary, then closed) or exchange bitfield, have, interested, choke and
 * request/piece ({@link Mode#DATA}).
 *
 * <p>A piece's block is not collected: its 13-byte header is read, the swarm names where the block
 * goes ({@link PeerLinkEvents#onBlockStart}) and the bytes are copied there as they arrive, so a
 * connection holds at most one small message of its own. Every other length is checked from the
 * header before anything is allocated ({@link PeerWireDecoder}). A peer that breaks the rules is
 * reported ({@link PeerLinkEvents#onMalformed}) and closed with {@code ban}; one that simply cannot
 * help (no ut_metadata, a reject) is closed without. Driven by one thread, the fetch's.
 */
public final class FetchingSession implements PeerLink {
    private static final Logger LOG = LogManager.getLogger();

    /** What the session asks of its connection. */
    public interface Output {
        /** Queues whole message bytes; they leave at the next {@link #flush}. */
        void send(byte[] message);

        void flush();

        /** Closes the connection; {@code ban} when the peer broke the rules. {@link #onClosed} follows. */
        void close(DropReason reason, boolean ban);
    }

    public enum Mode { METADATA, DATA }

    /** Requests a peer may queue from us: we never serve on an outgoing link, so the least BEP 10 allows. */
    private static final int OUR_REQUEST_QUEUE = 1;

    private final Mode mode;
    private final InfoHash infoHash;
    private final Bytes ourPeerId;
    private final byte[] contentId;
    private final int pieceCount;
    private final PeerLinkEvents events;
    private final Output out;
    private final DropCounter drops;
    private final PeerWireDecoder decoder;
    private final Dispatch dispatch = new Dispatch();

    private boolean handshaken;
    private boolean bitfieldSeen;
    private boolean closed;
    private int peerUtMetadata;
    private MetadataAssembly metadata;
    private ByteBuffer blockTarget;
    private int blockPiece;
    private int blockBegin;
    private int blockLength;
    private int blockLeft;

    /**
     * @param contentId  what the swarm calls the content: bitfields are reported with it
     * @param pieceCount the content's pieces in {@link Mode#DATA}; -1 while only the metadata is wanted
     */
    public FetchingSession(Mode mode, InfoHash infoHash, Bytes ourPeerId, byte[] contentId, int pieceCount,
                           PeerLinkEvents events, Output out, DropCounter drops) {
        this.mode = Checks.notNull(mode, "mode");
        this.infoHash = Checks.notNull(infoHash, "infoHash");
        this.ourPeerId = Checks.notNull(ourPeerId, "ourPeerId");
        this.contentId = contentId.clone();
        Checks.check(mode == Mode.METADATA || pieceCount > 0, "a data link needs the piece count, got %s", pieceCount);
        this.pieceCount = mode == Mode.METADATA ? -1 : pieceCount;
        this.events = events;
        this.out = out;
        this.drops = drops;
        this.decoder = new PeerWireDecoder(PeerWireLimits.forPieces(this.pieceCount), drops);
    }

    /** The connection is up: our handshake leaves first (BEP 3: the initiator speaks first). */
    public void start() {
        out.send(new Handshake(true, infoHash, ourPeerId).encode());
        out.flush();
    }

    /** Consumes what is whole in {@code in} and any block bytes; a partial message stays there for the next call. */
    public void onBytes(ByteBuffer in) {
        try {
            if (!handshaken && !closed && !handshake(in)) {
                return;
            }
            while (!closed && in.hasRemaining()) {
                if (blockLeft > 0) {
                    copyBlock(in);
                    continue;
                }
                if (startsBlock(in)) {
                    continue;
                }
                PeerMessage m = decoder.next(in);
                if (m == null) {
                    return;
                }
                m.accept(dispatch);
            }
        } catch (PeerWireViolation e) {
            violation(e.reason());
        }
    }

    /** The end of a burst of input. */
    public void onReadComplete() {
        if (!closed) {
            events.onReadComplete();
        }
    }

    /** The connection is gone, whoever closed it; may be called more than once, as the swarm allows. */
    public void onClosed() {
        closed = true;
        events.onClosed();
    }

    private boolean handshake(ByteBuffer in) throws PeerWireViolation {
        Handshake theirs = Handshake.read(in);
        if (theirs == null) {
            return false;
        }
        if (!theirs.infoHash().equals(infoHash)) {
            throw new PeerWireViolation(DropReason.UNKNOWN_CONTENT, "the peer answered for " + theirs.infoHash());
        }
        handshaken = true;
        // Until (unless) its extension handshake names its own, a peer queues what BEP 10 calls the default.
        events.onRequestLimit(ExtensionHandshake.DEFAULT_REQUEST_QUEUE);
        if (theirs.extensionProtocol()) {
            byte[] ours = new ExtensionHandshake(SeedingSession.OUR_UT_METADATA, -1, SeedingSession.CLIENT, OUR_REQUEST_QUEUE)
                    .encode();
            out.send(PeerWireEncoder.encode(new PeerMessage.Extended(0, Bytes.wrapOwned(ours))));
            out.flush();
        } else if (mode == Mode.METADATA) {
            giveUp("the peer does not speak BEP 10, so it cannot send the metadata");
        }
        return true;
    }

    // ------------------------------------------------------------------ blocks, streamed

    /** True when a piece message's header was consumed: its block's bytes follow straight into the swarm's buffer. */
    private boolean startsBlock(ByteBuffer in) throws PeerWireViolation {
        int at = in.position();
        if (in.remaining() < 5 || in.get(at + 4) != PeerMessage.PIECE) {
            return false;
        }
        long length = Integer.toUnsignedLong(in.getInt(at));
        if (length <= 9 || length > 9L + PeerWireLimits.BLOCK) {
            throw new PeerWireViolation(DropReason.BAD_LENGTH, "a piece message of " + length + " bytes");
        }
        if (in.remaining() < PeerWireEncoder.PIECE_HEADER_BYTES) {
            return false; // wait for index and begin
        }
        int piece = in.getInt(at + 5);
        int begin = in.getInt(at + 9);
        if (piece < 0 || begin < 0 || mode == Mode.METADATA || (pieceCount >= 0 && piece >= pieceCount)) {
            throw new PeerWireViolation(DropReason.UNREQUESTED_BLOCK, "a block of piece " + piece + " at " + begin);
        }
        in.position(at + PeerWireEncoder.PIECE_HEADER_BYTES);
        blockPiece = piece;
        blockBegin = begin;
        blockLength = (int) length - 9;
        blockLeft = blockLength;
        blockTarget = events.onBlockStart(piece, begin, blockLength);
        return true;
    }

    private void copyBlock(ByteBuffer in) {
        int n = Math.min(blockLeft, in.remaining());
        if (blockTarget != null) {
            int limit = in.limit();
            in.limit(in.position() + n);
            blockTarget.put(in);
            in.limit(limit);
        } else {
            in.position(in.position() + n);
        }
        blockLeft -= n;
        if (blockLeft == 0 && blockTarget != null) {
            blockTarget = null;
            events.onBlockDone(blockPiece, blockBegin, blockLength);
        }
    }

    // ------------------------------------------------------------------ what the swarm asks

    @Override
    public void requestBlock(int piece, int offset, int length) {
        out.send(PeerWireEncoder.encode(new PeerMessage.Request(piece, offset, length)));
    }

    @Override
    public void cancel(int piece, int offset, int length) {
        out.send(PeerWireEncoder.encode(new PeerMessage.Cancel(piece, offset, length)));
    }

    @Override
    public void interested(boolean yes) {
        out.send(PeerWireEncoder.encode(yes ? PeerMessage.State.INTERESTED : PeerMessage.State.NOT_INTERESTED));
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        stop(null, false);
    }

    /** Closes the connection once; nothing more is read from it or sent on it. */
    private void stop(DropReason reason, boolean ban) {
        if (!closed) {
            closed = true;
            out.close(reason, ban);
        }
    }

    /** Keeps an idle connection open (BEP 3: peers drop one silent for two minutes). */
    public void keepAlive() {
        if (!closed) {
            out.send(PeerWireEncoder.encode(PeerMessage.KeepAlive.INSTANCE));
            out.flush();
        }
    }

    private void violation(DropReason reason) {
        if (closed) {
            return;
        }
        events.onMalformed(reason);
        stop(reason, true);
    }

    private void giveUp(String why) {
        LOG.debug("closing a link to a BitTorrent peer for {}: {}", infoHash, why);
        drops.dropped(DropReason.UNEXPECTED);
        stop(DropReason.UNEXPECTED, false);
    }

    // ------------------------------------------------------------------ messages

    /** A peer may skip its bitfield when it has nothing (BEP 3), or start with have messages: the swarm hears an empty one. */
    private void bitfieldBeforeAnythingElse() {
        if (!bitfieldSeen) {
            bitfieldSeen = true;
            events.onBitfield(contentId.clone(), new byte[(pieceCount + 7) / 8]);
        }
    }

    private void onExtendedHandshake(PeerMessage.Extended e) throws PeerWireViolation {
        ExtensionHandshake theirs = ExtensionHandshake.decode(e.payload());
        peerUtMetadata = theirs.utMetadataId();
        events.onRequestLimit(theirs.requestQueue());
        if (mode != Mode.METADATA || metadata != null) {
            return;
        }
        if (peerUtMetadata == 0 || theirs.metadataSize() <= 0) {
            giveUp("the peer offers no ut_metadata");
            return;
        }
        metadata = new MetadataAssembly(infoHash, theirs.metadataSize());
        askForMetadata();
    }

    private void askForMetadata() {
        for (int piece : metadata.toAsk()) {
            out.send(extended(peerUtMetadata, MetadataMessage.request(piece).encode()));
        }
        out.flush();
    }

    private void onMetadata(PeerMessage.Extended e) throws PeerWireViolation {
        MetadataMessage.Received r = MetadataMessage.decode(e.payload());
        switch (r.message().type()) {
            case MetadataMessage.REQUEST -> {
                // We serve no metadata on a link we opened to fetch.
                if (peerUtMetadata != 0) {
                    out.send(extended(peerUtMetadata, MetadataMessage.reject(r.message().piece()).encode()));
                }
            }
            case MetadataMessage.REJECT -> {
                if (mode == Mode.METADATA) {
                    giveUp("the peer rejected a metadata request");
                }
            }
            default -> {
                if (metadata == null) {
                    throw new PeerWireViolation(DropReason.UNREQUESTED_BLOCK, "ut_metadata data nobody asked for");
                }
                metadata.accept(r);
                if (metadata.complete()) {
                    byte[] info = metadata.verified();
                    events.onManifest(infoHash.toBytes(), info);
                    stop(null, false);
                } else {
                    askForMetadata();
                }
            }
        }
    }

    private static byte[] extended(int id, byte[] payload) {
        return PeerWireEncoder.encode(new PeerMessage.Extended(id, Bytes.wrapOwned(payload)));
    }

    private final class Dispatch implements PeerMessage.Visitor<Void> {
        @Override
        public Void keepAlive() {
            return null;
        }

        @Override
        public Void state(PeerMessage.State m) {
            if (mode == Mode.METADATA) {
                return null;
            }
            if (m == PeerMessage.State.CHOKE) {
                bitfieldBeforeAnythingElse();
                events.onChoke("choked by the BitTorrent peer");
            } else if (m == PeerMessage.State.UNCHOKE) {
                bitfieldBeforeAnythingElse();
                events.onUnchoke();
            }
            return null; // its interest in us: we serve nothing on a link we opened
        }

        @Override
        public Void have(PeerMessage.Have m) throws PeerWireViolation {
            if (mode == Mode.METADATA) {
                return null;
            }
            if (m.piece() >= pieceCount) {
                throw new PeerWireViolation(DropReason.BAD_REQUEST, "have of piece " + m.piece() + " of " + pieceCount);
            }
            bitfieldBeforeAnythingElse();
            events.onHave(m.piece());
            return null;
        }

        @Override
        public Void bitfield(PeerMessage.Bitfield m) throws PeerWireViolation {
            if (mode == Mode.METADATA) {
                return null;
            }
            if (bitfieldSeen) {
                throw new PeerWireViolation(DropReason.UNEXPECTED, "a bitfield after the first messages");
            }
            bitfieldSeen = true;
            events.onBitfield(contentId.clone(), m.bits().toArray());
            return null;
        }

        @Override
        public Void request(PeerMessage.Request m) {
            drops.dropped(DropReason.CHOKED); // BEP 3: a choked peer's requests are discarded, and it stays choked
            return null;
        }

        @Override
        public Void piece(PeerMessage.Piece m) throws PeerWireViolation {
            // Whole in the buffer behind a skipped unknown message, the decoder read it: delivered from its copy.
            if (mode == Mode.METADATA || m.piece() >= pieceCount) {
                throw new PeerWireViolation(DropReason.UNREQUESTED_BLOCK, "a block of piece " + m.piece());
            }
            int length = m.block().length();
            ByteBuffer target = events.onBlockStart(m.piece(), m.begin(), length);
            if (target != null) {
                target.put(m.block().toArray());
                events.onBlockDone(m.piece(), m.begin(), length);
            }
            return null;
        }

        @Override
        public Void cancel(PeerMessage.Cancel m) {
            return null;
        }

        @Override
        public Void extended(PeerMessage.Extended m) throws PeerWireViolation {
            if (m.extendedId() == 0) {
                onExtendedHandshake(m);
            } else if (m.extendedId() == SeedingSession.OUR_UT_METADATA) {
                onMetadata(m);
            } else {
                drops.dropped(DropReason.UNKNOWN_TYPE);
            }
            return null;
        }
    }
}
