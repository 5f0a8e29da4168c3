package io.chordia.core.message;

/** Bounds every message obeys; the codec checks lengths against them before it allocates. */
public final class MessageLimits {
    /** Contacts in one reply: Kademlia's k = 20 plus room for leaf sets and successor lists. */
    public static final int MAX_CONTACTS = 64;
    /** Characters of free text in an error reply. */
    public static final int MAX_DETAIL_CHARS = 200;

    private MessageLimits() {}
}
