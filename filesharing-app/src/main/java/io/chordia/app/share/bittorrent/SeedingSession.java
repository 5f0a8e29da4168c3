package io.chordia.app.share.bittorrent;

import io.chordia.app.share.Manifest;
import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

/**
 * One BitTorrent client's connection to us, from its handshake on. We answer with our handshake,
 * BEP 10's (ut_metadata, metadata_size) when the client speaks it, and the bitfield of the pieces
 * we have: all of them for a complete content, the verified ones for a content we are still
 * fetching ({@link OfferedContent}, which sends a HAVE per piece verified later). Whether an
 * interested client is unchoked is the peer's unchoke policy's call, not the session's. Requests are
 * answered at once, in order (backpressure is the socket's: the connection stops reading while its
 * output is full), so we keep no request queue and CANCEL has nothing to take back.
 *
 * <p>Input that breaks BEP 3 (a length past its bound, a request outside the content, a bad
 * handshake or bencode) closes the connection and bans the peer; what BEP 3 says to ignore (an
 * unknown message id, a request while choked) is dropped and counted. Driven by one thread at a time.
 */
public final class SeedingSession {
    /** The id we ask ut_metadata messages to be sent to us with (our extension handshake's {@code m}). */
    public static final int OUR_UT_METADATA = 1;
    public static final String CLIENT = "Chordia";
    /** Requests a client may keep outstanding: we answer at once, so the socket's buffer is the real bound. */
    static final int REQUEST_QUEUE = 2048;

    private final Function<InfoHash, OfferedContent> contents;
    private final Bytes ourPeerId;
    private final DropCounter drops;
    private final SeedingOutput out;
    private final PeerWireDecoder decoder;
    private final Dispatch dispatch = new Dispatch();

    private OfferedContent offer;
    private SeededTorrent torrent;
    private boolean closed;
    private int peerUtMetadata;

    /** @param contents the content with an infohash as offered to this connection, or null when we do not seed it */
    public SeedingSession(Function<InfoHash, OfferedContent> contents, Bytes ourPeerId, DropCounter drops, SeedingOutput out) {
        this.contents = contents;
        this.ourPeerId = Checks.notNull(ourPeerId, "ourPeerId");
        this.drops = drops;
        this.out = out;
        this.decoder = new PeerWireDecoder(PeerWireLimits.forPieces(-1), drops);
    }

    /** Consumes what is whole in {@code in}; a partial message stays there for the next call. */
    public void onBytes(ByteBuffer in) {
        try {
            if (torrent == null && !closed && !handshake(in)) {
                return;
            }
            while (!closed) {
                PeerMessage m = decoder.next(in);
                if (m == null) {
                    return;
                }
                m.accept(dispatch);
            }
        } catch (PeerWireViolation e) {
            close(e.reason(), true);
        }
    }

    /** The connection is gone: the unchoke policy forgets it. */
    public void onClosed() {
        if (!closed) {
            closed = true;
            if (offer != null) {
                offer.closed();
            }
        }
    }

    public boolean closed() {
        return closed;
    }

    /** The content this connection asked for, once its handshake named one we seed. */
    public SeededTorrent torrent() {
        return torrent;
    }

    private boolean handshake(ByteBuffer in) throws PeerWireViolation {
        Handshake theirs = Handshake.read(in);
        if (theirs == null) {
            return false;
        }
        OfferedContent o = contents.apply(theirs.infoHash());
        if (o == null) {
            close(DropReason.UNKNOWN_CONTENT, false);
            return false;
        }
        SeededTorrent t = o.torrent();
        torrent = t;
        Manifest m = t.manifest();
        decoder.limits(PeerWireLimits.forPieces(m.pieceCount()));
        out.send(new Handshake(true, theirs.infoHash(), ourPeerId).encode());
        if (theirs.extensionProtocol()) {
            byte[] ours = new ExtensionHandshake(OUR_UT_METADATA, t.info().size(), CLIENT, REQUEST_QUEUE).encode();
            out.send(PeerWireEncoder.encode(new PeerMessage.Extended(0, Bytes.wrapOwned(ours))));
        }
        out.send(PeerWireEncoder.encode(new PeerMessage.Bitfield(Bytes.wrapOwned(o.open()))));
        offer = o; // only now: closed() is for an offer that was opened
        return true;
    }

    private void close(DropReason reason, boolean ban) {
        drops.dropped(reason);
        if (!closed) {
            onClosed();
            out.close(reason, ban);
        }
    }

    private void onRequest(PeerMessage.Request r) throws PeerWireViolation {
        Manifest m = torrent.manifest();
        if (r.piece() >= m.pieceCount() || r.length() > PeerWireLimits.BLOCK
                || (long) r.begin() + r.length() > m.pieceLength(r.piece())) {
            throw new PeerWireViolation(DropReason.BAD_REQUEST, "request " + r + " outside the content");
        }
        if (!offer.has(r.piece())) {
            // Never in our bitfield or a HAVE: a client's mistake, not an attack; dropped, the connection stays.
            drops.dropped(DropReason.UNEXPECTED);
            return;
        }
        if (!offer.unchoked()) {
            drops.dropped(DropReason.CHOKED); // BEP 3: requests of a choked peer are discarded
            return;
        }
        out.sendBlock(r.piece(), r.begin(), r.length());
        offer.served(r.length());
    }

    private void onExtended(PeerMessage.Extended e) throws PeerWireViolation {
        if (e.extendedId() == 0) {
            peerUtMetadata = ExtensionHandshake.decode(e.payload()).utMetadataId();
            return;
        }
        if (e.extendedId() != OUR_UT_METADATA) {
            drops.dropped(DropReason.UNKNOWN_TYPE);
            return;
        }
        MetadataMessage q = MetadataMessage.decode(e.payload()).message();
        if (q.type() != MetadataMessage.REQUEST || peerUtMetadata == 0) {
            drops.dropped(DropReason.UNEXPECTED); // a reject from a client, or a request from one that cannot take the answer
            return;
        }
        TorrentInfo info = torrent.info();
        if (q.piece() >= MetadataMessage.pieces(info.size())) {
            out.send(extended(MetadataMessage.reject(q.piece()).encode()));
            return;
        }
        int from = q.piece() * MetadataMessage.PIECE_BYTES;
        int n = Math.min(MetadataMessage.PIECE_BYTES, info.size() - from);
        byte[] head = new MetadataMessage(MetadataMessage.DATA, q.piece(), info.size()).encode();
        byte[] payload = Arrays.copyOf(head, head.length + n);
        info.copy(from, payload, head.length, n);
        out.send(extended(payload));
    }

    private byte[] extended(byte[] payload) {
        return PeerWireEncoder.encode(new PeerMessage.Extended(peerUtMetadata, Bytes.wrapOwned(payload)));
    }

    /** Before the handshake nothing reaches here: the decoder runs only once {@link #torrent} is set. */
    private final class Dispatch implements PeerMessage.Visitor<Void> {
        @Override
        public Void keepAlive() {
            return null;
        }

        @Override
        public Void state(PeerMessage.State m) {
            if (m == PeerMessage.State.INTERESTED || m == PeerMessage.State.NOT_INTERESTED) {
                offer.interested(m == PeerMessage.State.INTERESTED);
            }
            return null; // choke/unchoke from a leecher: we download nothing from BitTorrent clients here
        }

        @Override
        public Void have(PeerMessage.Have m) throws PeerWireViolation {
            if (m.piece() >= torrent.manifest().pieceCount()) {
                throw new PeerWireViolation(DropReason.BAD_REQUEST, "have of piece " + m.piece());
            }
            return null;
        }

        @Override
        public Void bitfield(PeerMessage.Bitfield m) {
            return null; // a leecher's pieces: a seed wants none of them
        }

        @Override
        public Void request(PeerMessage.Request m) throws PeerWireViolation {
            onRequest(m);
            return null;
        }

        @Override
        public Void piece(PeerMessage.Piece m) {
            drops.dropped(DropReason.UNREQUESTED_BLOCK);
            return null;
        }

        @Override
        public Void cancel(PeerMessage.Cancel m) {
            return null; // the block left when it was asked for
        }

        @Override
        public Void extended(PeerMessage.Extended m) throws PeerWireViolation {
            onExtended(m);
            return null;
        }
    }
}
