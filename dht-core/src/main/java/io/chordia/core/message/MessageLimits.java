package io.chordia.core.message;

/** Bounds every message obeys; the codec checks lengths against them before it allocates. */
public final class MessageLimits {
    /**
     * Contacts in one message. This bounds what decoding may allocate; what fits in one datagram is
     * the transport's limit (1232 bytes by default holds 20 contacts of any address family, not 64),
     * so protocols reply with at most k = 20 contacts and page anything longer.
     */
    public static final int MAX_CONTACTS = 64;
    /** Peer addresses in one {@link Peers}: libtorrent answers with at most 100, a 1232-byte datagram fits 150. */
    public static final int MAX_PEERS = 200;
    /** Characters of free text in an error reply. */
    public static final int MAX_DETAIL_CHARS = 200;

    private MessageLimits() {}
}
