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
    REFUSED(5);

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
