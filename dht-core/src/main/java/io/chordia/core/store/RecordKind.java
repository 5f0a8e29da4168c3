package io.chordia.core.store;

/** How a record's key relates to its content, and who may replace it. Wire numbers are stable. */
public enum RecordKind {
    /** key = SHA-1(value); never changes. */
    IMMUTABLE(1),
    /** key = SHA-1(public key ‖ salt); replaced by a higher sequence number signed by the same key (Ed25519). */
    SIGNED(2),
    /** Any key; the higher version wins, ties broken by the higher writer id. Unauthenticated: tests and demos. */
    PLAIN(3),
    /**
     * Any key; a set of entries each signed by its own key ({@link PeerSetEntry}), merged per
     * signer by {@link PeerSetRules}. Replaces a held {@link #PLAIN} record, which is unauthenticated.
     */
    PEER_SET(4);

    private final int wireCode;

    RecordKind(int wireCode) {
        this.wireCode = wireCode;
    }

    public int wireCode() {
        return wireCode;
    }

    public static RecordKind fromWire(int code) {
        for (RecordKind k : values()) {
            if (k.wireCode == code) {
                return k;
            }
        }
        return null;
    }
}
