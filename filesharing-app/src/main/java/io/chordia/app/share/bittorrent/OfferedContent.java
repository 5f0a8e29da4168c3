package io.chordia.app.share.bittorrent;

/**
 * One content as offered to one client connection: which pieces the client may ask for, and
 * whether it is served now. The peer decides both (a fetch still running verifies pieces; an
 * unchoke policy picks whom to upload to) and tells the client itself, from any thread: a HAVE per
 * piece verified after {@link #open}, CHOKE and UNCHOKE. The session calls it on its own thread.
 */
public interface OfferedContent {
    SeededTorrent torrent();

    /**
     * Called once, after our handshake: the pieces here now as a BEP 3 bitfield (every bit set for a
     * complete content); each piece verified from then on reaches the client as a HAVE after it.
     */
    byte[] open();

    /** Whether the piece is here to serve: announced in {@link #open}'s bitfield or a HAVE since. */
    boolean has(int piece);

    /** The client said it is (or is no longer) interested; the policy may unchoke it at once or at a later round. */
    void interested(boolean yes);

    /** Whether the client's requests are answered now (BEP 3: a choked client's requests are discarded). */
    boolean unchoked();

    /** Bytes of {@code length} went to the client in a block. */
    void served(int length);

    /** The connection is gone; called at most once, and only after {@link #open}. */
    void closed();
}
