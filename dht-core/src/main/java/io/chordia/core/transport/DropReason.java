package io.chordia.core.transport;

/** Why a datagram was not delivered; every drop is counted under exactly one reason. */
public enum DropReason {
    /** Bytes that do not decode to a valid envelope (truncated, bad lengths, invalid fields). */
    MALFORMED,
    /** A frame header with an unknown magic or protocol version. */
    BAD_HEADER,
    /** A datagram or frame larger than the configured maximum. */
    OVERSIZE,
    /** An inbound envelope arrived before any handler was set, or after close. */
    NO_HANDLER,
    /** The operating system or channel refused the write. */
    SEND_FAILED,
    /** The address could not be resolved. */
    UNRESOLVED,
    /** In simulation: lost by the link's loss model. */
    LOSS,
    /** In simulation: the link is cut by a partition. */
    PARTITIONED,
    /** In simulation: the destination is crashed or not attached. */
    DESTINATION_DOWN,
    /** The sending endpoint is closed or crashed. */
    SENDER_DOWN,
    /** A bound on connections or queued sends was reached. */
    OVERLOADED,
    /** Refused before decoding by an inbound gate: a per-source or global rate limit. */
    RATE_LIMITED
}
