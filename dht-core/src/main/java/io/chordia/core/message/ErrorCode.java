package io.chordia.core.message;

/** Why a request was refused. The wire numbers are stable: never renumber, only add. */
public enum ErrorCode {
    /** The responder does not handle this request type (other protocol, older version). */
    UNSUPPORTED(1),
    /** The request was well-formed on the wire but makes no sense to the responder. */
    BAD_REQUEST(2),
    /** The responder is shedding load; retry later or elsewhere. */
    OVERLOADED(3),
    /** The responder failed while handling the request. */
    INTERNAL(4),
    /** The responder will not do this for the requester (quota, token, policy). */
    REFUSED(5),
    /** A signed record whose signature does not verify. */
    BAD_SIGNATURE(6),
    /** A record older than the one stored (lower sequence number or version). */
    STALE(7),
    /** A signed record with the stored sequence number but different content. */
    CONFLICT(8),
    /** A store without a valid write token for the sender's address: ask again first. */
    BAD_TOKEN(9),
    /** The sender or the node has used its storage quota. */
    QUOTA_EXCEEDED(10),
    /** A compare-and-swap store whose expected sequence number is not the stored one. */
    CAS_FAILED(11),
    /** A record whose key does not match its content (immutable) or public key and salt (signed). */
    KEY_MISMATCH(12),
    /** A value over the size the protocol allows (BEP 44: over 1000 bytes). */
    VALUE_TOO_BIG(13),
    /** A salt over the size the protocol allows (BEP 44: over 64 bytes). */
    SALT_TOO_BIG(14);

    private final int wireCode;

    ErrorCode(int wireCode) {
        this.wireCode = wireCode;
    }

    public int wireCode() {
        return wireCode;
    }

    /** The code for {@code wireCode}, or {@code null} when no code has that number. */
    public static ErrorCode fromWire(int wireCode) {
        for (ErrorCode c : values()) {
            if (c.wireCode == wireCode) {
                return c;
            }
        }
        return null;
    }
}
