package io.chordia.app.share.swarm;

/** Why input from a peer was dropped (and, for the malformed kinds, the connection closed). */
public enum DropReason {
    /** A frame type this side does not know. */
    UNKNOWN_TYPE,
    /** A frame whose declared length is past its type's bound, or whose body has the wrong size. */
    BAD_LENGTH,
    /** A block request outside the content, or of a bad length. */
    BAD_REQUEST,
    /** A request before OPEN, or a second OPEN. */
    OUT_OF_ORDER,
    /** OPEN or GET_MANIFEST for a content this peer does not serve. */
    UNKNOWN_CONTENT,
    /** OPEN refused by this seeder: every upload slot busy (a CHOKE a fetch receives is counted apart, see {@link DropCounter#choked}). */
    CHOKED,
    /** A block nobody asked this peer for (or no longer needed: a duplicate of endgame). */
    UNREQUESTED_BLOCK,
    /** A manifest whose hash is not the content id, or that does not decode. */
    BAD_MANIFEST,
    /** A piece whose hash did not match. */
    BAD_PIECE,
    /** A frame the peer should not send in this state (e.g. a second bitfield). */
    UNEXPECTED,
    /** A BitTorrent message whose body does not parse (a bad handshake, a bitfield with spare bits set, bad bencode). */
    MALFORMED,
    /** A connection from an address banned for breaking the rules before. */
    BANNED
}
