package io.chordia.app.share.swarm;

/**
 * The outbound half of the seam between swarm logic and bytes on the wire: one connection to a
 * peer, for one content. Called on the fetch's node thread only; never blocks. Requests and
 * cancels are buffered until {@link #flush}, so a burst of them leaves in one write.
 */
public interface PeerLink {
    /** The unit a piece is requested in, in bytes; a piece's last block may be shorter. */
    int BLOCK_SIZE = 16 * 1024;

    void requestBlock(int piece, int offset, int length);

    /** Takes back a request; the block may still arrive, and is then discarded. */
    void cancel(int piece, int offset, int length);

    /**
     * Whether the peer has a piece we still need: a partial seeder unchokes only interested peers.
     * Sent when it changes, buffered like requests.
     */
    void interested(boolean yes);

    void flush();

    /** Closes the connection; {@link PeerLinkEvents#onClosed} follows. */
    void close();
}
